package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricsStoreException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure inside the store's own scan insert is told from DuckDB's errors by its type, never by a made-up message
 * prefix: it is the store's fault, not a refused value, even when its text starts like one of DuckDB's.
 */
class PointBatchScanFailureTest {
    private final DuckDbErrorTranslator errors = new DuckDbErrorTranslator("the DuckDB file /data/m.duckdb");

    @Test
    void aScanFailureIsTheStoresFaultAndSaysNothingWasStored() {
        SQLException cause = new SQLException("Invalid Input Error: vector full");
        MetricsStoreException translated = errors.translate("insert 6000 metric points",
                new PointBatchScanException("the scan of the batch failed: " + cause, cause));

        assertThat(translated).isNotInstanceOf(InvalidInputException.class).hasMessage("cannot insert 6000 metric"
                + " points in the DuckDB file /data/m.duckdb: the scan of the batch failed: java.sql.SQLException:"
                + " Invalid Input Error: vector full; nothing was stored. This is a fault of the store, not of the"
                + " data: report it, and write the batch in parts of fewer than 5000 points (they take another path)"
                + " meanwhile");
    }

    @Test
    void duckDbsOwnInvalidInputStaysARefusedValue() {
        assertThat(errors.translate("insert 1 metric points", new SQLException("Invalid Input Error: bad value")))
                .isInstanceOf(InvalidInputException.class);
    }
}
