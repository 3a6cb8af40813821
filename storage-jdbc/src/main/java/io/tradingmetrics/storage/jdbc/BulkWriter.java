package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An engine's native bulk path (DuckDB Appender, PostgreSQL COPY). {@link JdbcMetricsStore} calls it inside a
 * transaction begun with {@link SqlDialect#beginTransaction}, with a validated, non-empty batch (no null element;
 * candles and snapshots already deduplicated, last occurrence winning), and commits or rolls back around it. So an
 * implementation neither commits nor catches: it writes and lets an {@link SQLException} escape.
 *
 * <p>Upserts are expected to load the batch into a temporary staging table and run the statements of
 * {@link UpsertSql} from it.
 */
public interface BulkWriter {

    /** Appends the points to {@code trading_metrics}. */
    void appendMetrics(Connection connection, List<MetricPoint> points) throws SQLException;

    /** Inserts or replaces candles by (timestamp, symbol). */
    void upsertCandles(Connection connection, List<Candle> candles) throws SQLException;

    /** Inserts or replaces snapshots by timestamp. */
    void upsertPerformance(Connection connection, List<PerformanceSnapshot> snapshots) throws SQLException;
}
