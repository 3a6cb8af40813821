package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.jdbc.SqlBuilder;
import io.tradingmetrics.storage.jdbc.SqlDialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** DuckDB's SQL. DuckDB compares text by code point, so plain ORDER BY already sorts as every store must. */
final class DuckDbDialect implements SqlDialect {
    private static final int CHECKPOINT_ATTEMPTS = 10;

    private final boolean readOnly;
    private final boolean inMemory;

    DuckDbDialect(boolean readOnly, boolean inMemory) {
        this.readOnly = readOnly;
        this.inMemory = inMemory;
    }

    @Override
    public boolean textsCostPerValue() {
        return true;
    }

    /** {@code encode} gives the UTF-8 bytes (a cast to BLOB would read backslash escapes and refuse non-ASCII). */
    @Override
    public String selectText(String column) {
        return "encode(" + column + ")";
    }

    /**
     * DuckDB's {@code time_bucket} on TIMESTAMPTZ in a UTC session counts fixed widths from 2000-01-03 and months from
     * 2000-01-01, as {@link Interval#bucketStart} does (checked over years 1 to 9999 in the tests).
     */
    @Override
    public String timeBucket(Interval interval, String timestamp) {
        String width = interval.isMonths() ? "1 month" : interval.widthMicros() + " microseconds";
        return "time_bucket(INTERVAL '" + width + "', " + timestamp + ")";
    }

    @Override
    public String first(String value, String orderBy) {
        return "arg_min(" + value + ", " + orderBy + ")";
    }

    @Override
    public String last(String value, String orderBy) {
        return "arg_max(" + value + ", " + orderBy + ")";
    }

    @Override
    public String percentile(double fraction, String value) {
        return "quantile_cont(" + value + ", " + fraction + ")";
    }

    /**
     * One {@code json_extract_string} per label, addressed by JSON pointer ({@code /key}, with {@code ~} and {@code /}
     * escaped), which takes keys holding quotes, dots or dollars as they are. Non-string values come back as their
     * JSON text, so a label stored as the number 5 matches "5".
     */
    @Override
    public void appendLabelsMatch(SqlBuilder sql, String labelsColumn, Map<String, String> labels) {
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            sql.sql(" AND json_extract_string(" + labelsColumn + ", ").param(jsonPointer(label.getKey()))
                    .sql(") = ").param(label.getValue());
        }
    }

    static String jsonPointer(String key) {
        return "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /**
     * One hash aggregation by series with an {@code arg_max} per column: about twice as fast as one {@code arg_max}
     * over a struct of the row (measured in BENCHMARKS.md), which copies the labels into every state it replaces.
     * Every aggregate of a group sees the group's rows in the same order and keeps its current row on a tie (it
     * replaces only on a strictly later timestamp), also when thread-local states are combined, so value and labels
     * come from one and the same point even when points tie on the newest timestamp (the compatibility kit checks
     * it). {@code arg_max_null} for the labels: plain {@code arg_max} skips a NULL labels value and would return an
     * older point's labels.
     */
    @Override
    public SqlBuilder latestPerSeries(LatestQuery query) {
        SqlBuilder sql = new SqlBuilder().sql("SELECT max(timestamp), " + selectText("metric_name")
                + ", arg_max(value, timestamp), " + selectText("symbol") + ", "
                + selectText("arg_max_null(labels, timestamp)") + " FROM trading_metrics WHERE TRUE");
        if (!query.metricNames().isEmpty()) {
            sql.sql(" AND metric_name IN (").params(new TreeSet<>(query.metricNames())).sql(")");
        }
        query.symbol().ifPresent(symbol -> sql.sql(" AND symbol = ").param(symbol));
        return sql.sql(" GROUP BY metric_name, symbol ORDER BY metric_name, symbol NULLS FIRST");
    }

    /**
     * One hash join of the points with the series and an {@code arg_max} per column, as {@link #latestPerSeries}:
     * one pass over the points, no sort.
     */
    @Override
    public void appendNewestPointsOf(SqlBuilder sql, Consumer<SqlBuilder> series) {
        sql.sql("SELECT max(t.timestamp) AS timestamp, t.metric_name, arg_max(t.value, t.timestamp) AS value,"
                + " t.symbol, arg_max_null(t.labels, t.timestamp) AS labels FROM trading_metrics t SEMI JOIN (");
        series.accept(sql);
        sql.sql(") s ON t.metric_name = s.metric_name AND t.symbol IS NOT DISTINCT FROM s.symbol"
                + " GROUP BY t.metric_name, t.symbol");
    }

    /**
     * DuckDB aborts a transaction that updates a row a concurrent one updated ("Conflict on update") and retried
     * upserts of 16 threads kept colliding; one at a time they all succeed, and an upsert is one statement.
     */
    @Override
    public boolean serializesUpserts() {
        return true;
    }

    /**
     * No key on the rollup tables: an ART index halved the merge's speed and grew with every bucket kept, while the
     * update-then-insert merge only reads the row groups of the batch's buckets.
     */
    @Override
    public boolean rollupTablesHaveKeys() {
        return false;
    }

    /** The autocommit switch alone begins nothing: a statement must start the transaction for the Appender to join. */
    @Override
    public void beginTransaction(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

    @Override
    public String engineVersion(Connection connection) throws SQLException {
        return "DuckDB " + queryString(connection, "SELECT version()");
    }

    /** The distinct blocks the table's columns occupy in the file, times the block size; none in memory. */
    @Override
    public OptionalLong tableBytesOnDisk(Connection connection, StoreTable table) throws SQLException {
        if (inMemory) {
            return OptionalLong.empty();
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(DISTINCT block_id) * (SELECT block_size FROM"
                     + " pragma_database_size() WHERE database_name = current_database())"
                     + " FROM pragma_storage_info('" + table.tableName() + "') WHERE persistent")) {
            row.next();
            long bytes = row.getLong(1);
            return row.wasNull() ? OptionalLong.of(0) : OptionalLong.of(bytes);
        }
    }

    /** Statistics, then a checkpoint that writes the WAL into the file and reclaims the space of deleted rows. */
    @Override
    public void optimize(Connection connection) throws SQLException {
        if (readOnly) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        // A checkpoint is refused while other transactions run; FORCE CHECKPOINT would abort them, so wait instead.
        for (int attempt = 1; ; attempt++) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
                return;
            } catch (SQLException e) {
                if (attempt >= CHECKPOINT_ATTEMPTS || e.getMessage() == null || !e.getMessage().contains("CHECKPOINT")) {
                    throw e;
                }
                sleep(50L * attempt);
            }
        }
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted Error: interrupted while waiting to checkpoint", e);
        }
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
