package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.Timestamps;
import io.tradingmetrics.storage.jdbc.BulkWriter;
import io.tradingmetrics.storage.jdbc.LabelsJson;
import io.tradingmetrics.storage.jdbc.TableColumns;
import io.tradingmetrics.storage.jdbc.rollup.RollupRow;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.RandomAccess;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Writes through DuckDB's bulk paths (JDBC batches run row by row and are about a thousand times slower).
 *
 * <p>Points: a large batch is inserted by one {@code INSERT ... SELECT} from {@link PointBatchScan}, which fills
 * DuckDB's vectors directly with dictionary-encoded texts; a small one through the Appender, which has no statement
 * to set up. Both run in the caller's transaction, so a batch is stored whole or not at all.
 *
 * <p>Upserts: the Appender fills the staging table that the store created and merges (the Appender cannot update).
 */
final class DuckDbBulkWriter implements BulkWriter {
    /** From this many points on, the scan insert beats the Appender (measured on 2 cores; see BENCHMARKS.md). */
    static final int SCAN_MIN_POINTS = 5_000;

    private static final String MAIN = DuckDBConnection.DEFAULT_SCHEMA;
    /** Distinct labels maps whose JSON a small batch keeps, so that labels unique to each point cost no memory. */
    private static final int MAX_CACHED_LABELS = 256;

    /** Whether {@link #prepareScanInserts} registered the scan; until then every batch goes through the Appender. */
    private volatile boolean scanRegistered;

    /** Readies the scan insert on a writable database: registers {@link PointBatchScan} in it. */
    void prepareScanInserts(Connection connection) throws SQLException {
        PointBatchScan.register(connection);
        scanRegistered = true;
    }

    @Override
    public void appendMetrics(Connection connection, List<MetricPoint> points) throws SQLException {
        if (scanRegistered && points.size() >= SCAN_MIN_POINTS) {
            insertFromScan(connection, TableColumns.METRICS.tableName(), points);
        } else {
            appendRows(duck(connection).createAppender(MAIN, TableColumns.METRICS.tableName()), points);
        }
    }

    /** As {@link #appendMetrics}, into the temporary table: a derived table may stage a whole large batch. */
    @Override
    public void stagePoints(Connection connection, String table, List<MetricPoint> points) throws SQLException {
        if (scanRegistered && points.size() >= SCAN_MIN_POINTS) {
            insertFromScan(connection, "temp." + MAIN + "." + table, points);
        } else {
            appendRows(duck(connection).createAppender("temp", MAIN, table), points);
        }
    }

    private static void insertFromScan(Connection connection, String table, List<MetricPoint> points)
            throws SQLException {
        EncodedPoints encoded = EncodedPoints.encode(points instanceof RandomAccess ? points : new ArrayList<>(points));
        long handle = PointBatchScan.offer(encoded);
        long inserted = -1;
        SQLException statementFailure = null;
        Throwable scanFailure;
        try {
            inserted = insertFromScan(connection, table, encoded, handle);
        } catch (SQLException e) {
            statementFailure = e;
        } finally {
            scanFailure = PointBatchScan.withdraw(handle);
        }
        if (scanFailure != null) {
            if (statementFailure != null) {
                scanFailure.addSuppressed(statementFailure);
            }
            throwUnchecked(scanFailure);
        }
        if (statementFailure != null) {
            throw statementFailure;
        }
        if (inserted != points.size()) {
            throw new PointBatchScanException("the scan insert of " + points.size() + " points stored " + inserted);
        }
    }

    /** The dictionaries are list parameters: each distinct labels text is cast to JSON once, not once per row. */
    private static long insertFromScan(Connection connection, String table, EncodedPoints points, long handle)
            throws SQLException {
        List<Object[]> dictionaries = new ArrayList<>();
        String name = column(points.nameCodes != null, "metric_name", "VARCHAR[]", points.names, dictionaries);
        String symbol = column(points.symbolCodes != null, "symbol", "VARCHAR[]", points.symbols, dictionaries);
        String labels = points.labelCodes != null
                ? column(true, "labels", "JSON[]", points.labels, dictionaries) : "CAST(labels AS JSON)";
        String sql = "INSERT INTO " + table + " (" + TableColumns.METRICS.names() + ")"
                + " SELECT make_timestamptz(micros), " + name + ", value, " + symbol + ", " + labels
                + " FROM " + PointBatchScan.NAME + "(" + handle + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < dictionaries.size(); i++) {
                statement.setArray(i + 1, connection.createArrayOf("VARCHAR", dictionaries.get(i)));
            }
            return statement.executeLargeUpdate();
        }
    }

    private static String column(boolean coded, String column, String listType, List<String> dictionary,
                                 List<Object[]> parameters) {
        if (!coded) {
            return column;
        }
        parameters.add(dictionary.toArray());
        return "(CAST(? AS " + listType + "))[" + column + "]";
    }

    /** The caller's own exceptions (a list that throws when read) reach it as they are, as from the Appender. */
    private static void throwUnchecked(Throwable failure) throws SQLException {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new PointBatchScanException("the scan of the batch failed: " + failure, failure);
    }

    private static void appendRows(DuckDBAppender target, List<MetricPoint> points) throws SQLException {
        try (DuckDBAppender appender = target) {
            // Labels maps repeat: as the same object (a producer's) or as equal ones (read back from a store).
            Map<Map<String, String>, String> jsonByMap = new HashMap<>();
            Map<String, String> lastLabels = null;
            String lastJson = null;
            for (MetricPoint point : points) {
                appender.beginRow()
                        .appendEpochMicros(Timestamps.toEpochMicros(point.timestamp()))
                        .append(point.metricName())
                        .append(point.value());
                if (point.symbol().isPresent()) {
                    appender.append(point.symbol().get());
                } else {
                    appender.appendNull();
                }
                if (point.labels() != lastLabels) {
                    lastLabels = point.labels();
                    lastJson = jsonByMap.get(lastLabels);
                    if (lastJson == null) {
                        lastJson = LabelsJson.write(lastLabels);
                        if (jsonByMap.size() < MAX_CACHED_LABELS) {
                            jsonByMap.put(lastLabels, lastJson);
                        }
                    }
                }
                appender.append(lastJson).endRow();
            }
        }
    }

    @Override
    public void stageCandles(Connection connection, List<Candle> candles) throws SQLException {
        try (DuckDBAppender appender = stagingAppender(connection, TableColumns.CANDLES)) {
            for (Candle candle : candles) {
                appender.beginRow()
                        .appendEpochMicros(Timestamps.toEpochMicros(candle.timestamp()))
                        .append(candle.symbol())
                        .append(candle.open())
                        .append(candle.high())
                        .append(candle.low())
                        .append(candle.close())
                        .append(candle.volume())
                        .endRow();
            }
        }
    }

    @Override
    public void stagePerformance(Connection connection, List<PerformanceSnapshot> snapshots) throws SQLException {
        try (DuckDBAppender appender = stagingAppender(connection, TableColumns.PERFORMANCE)) {
            for (PerformanceSnapshot snapshot : snapshots) {
                appender.beginRow()
                        .appendEpochMicros(Timestamps.toEpochMicros(snapshot.timestamp()))
                        .append(snapshot.portfolioValue())
                        .append(snapshot.pnl());
                appendOptional(appender, snapshot.sharpeRatio());
                appendOptional(appender, snapshot.maxDrawdown());
                appendOptional(appender, snapshot.winRate());
                if (snapshot.totalTrades().isPresent()) {
                    appender.append(snapshot.totalTrades().getAsInt());
                } else {
                    appender.appendNull();
                }
                appender.endRow();
            }
        }
    }

    @Override
    public void stageRollups(Connection connection, String stagingTable, List<RollupRow> rows) throws SQLException {
        try (DuckDBAppender appender = duck(connection).createAppender("temp", MAIN, stagingTable)) {
            for (RollupRow row : rows) {
                appender.beginRow().append(row.level().label()).append(row.metricName());
                if (row.symbol().isPresent()) {
                    appender.append(row.symbol().get());
                } else {
                    appender.appendNull();
                }
                appender.appendEpochMicros(Timestamps.toEpochMicros(row.bucket()))
                        .append(row.count())
                        .append(row.sum())
                        .append(row.min())
                        .append(row.max())
                        .appendEpochMicros(Timestamps.toEpochMicros(row.firstTimestamp()))
                        .append(row.firstValue())
                        .appendEpochMicros(Timestamps.toEpochMicros(row.lastTimestamp()))
                        .append(row.lastValue())
                        .endRow();
            }
        }
    }

    private static void appendOptional(DuckDBAppender appender, OptionalDouble value) throws SQLException {
        if (value.isPresent()) {
            appender.append(value.getAsDouble());
        } else {
            appender.appendNull();
        }
    }

    private static DuckDBAppender stagingAppender(Connection connection, TableColumns table) throws SQLException {
        return duck(connection).createAppender("temp", MAIN, table.stagingTable());
    }

    private static DuckDBConnection duck(Connection connection) throws SQLException {
        return connection.unwrap(DuckDBConnection.class);
    }
}
