package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.jdbc.rollup.RollupRow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An engine's native bulk path (DuckDB Appender, PostgreSQL COPY). {@link JdbcMetricsStore} calls it inside a
 * transaction begun with {@link SqlDialect#beginTransaction}, with a validated, non-empty batch (no null element;
 * candles and snapshots already deduplicated, last occurrence winning), and commits or rolls back around it. So an
 * implementation neither commits nor catches: it writes and lets an {@link SQLException} escape.
 *
 * <p>Upserts are the base's: it creates the staging table ({@link SqlDialect#createStaging}), asks the writer to
 * load the rows into it, and merges them into the table ({@link TableColumns#upsertFromStaging}). A writer only
 * stages. Rows are written in the column order of {@link TableColumns}.
 */
public interface BulkWriter {

    /** Appends the points to {@code trading_metrics}, in the column order of {@link TableColumns#METRICS}. */
    void appendMetrics(Connection connection, List<MetricPoint> points) throws SQLException;

    /**
     * Loads points into the empty temporary table {@code table} made by {@link SqlDialect#createPointStaging}, in
     * the column order of {@link TableColumns#METRICS}, for a {@link DerivedTable}.
     */
    void stagePoints(Connection connection, String table, List<MetricPoint> points) throws SQLException;

    /** Loads the candles into the empty staging table of {@link TableColumns#CANDLES}. */
    void stageCandles(Connection connection, List<Candle> candles) throws SQLException;

    /** Loads the snapshots into the empty staging table of {@link TableColumns#PERFORMANCE}. */
    void stagePerformance(Connection connection, List<PerformanceSnapshot> snapshots) throws SQLException;

    /**
     * Loads rollup summaries into the empty temporary table {@code stagingTable}, whose columns are
     * {@link io.tradingmetrics.storage.jdbc.rollup.RollupSql#STAGING_COLUMNS} (the level as its label, the symbol
     * NULL when absent).
     */
    void stageRollups(Connection connection, String stagingTable, List<RollupRow> rows) throws SQLException;
}
