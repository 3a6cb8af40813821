package io.tradingmetrics.storage.duckdb;

import java.sql.SQLException;

/**
 * The scan insert of {@link PointBatchScan} failed inside the store's own code (filling DuckDB's vectors, or a row
 * count that does not match the batch), not in DuckDB. Typed, so that {@link DuckDbErrorTranslator} tells it from
 * DuckDB's errors without reading its message. The insert's transaction is rolled back: nothing was stored.
 */
final class PointBatchScanException extends SQLException {
    private static final long serialVersionUID = 1L;

    PointBatchScanException(String message, Throwable cause) {
        super(message, cause);
    }

    PointBatchScanException(String message) {
        super(message);
    }
}
