package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.StoreTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * What differs between SQL engines, for the queries {@link JdbcMetricsStore} builds. Methods that return SQL text
 * receive column names or expressions that the store controls (never user input); user values are always bound
 * as parameters through {@link SqlBuilder}.
 *
 * <p>The tables are those of {@link StoreTable} with the columns of the older system:
 * {@code trading_metrics(timestamp, metric_name, value, symbol, labels)},
 * {@code candles(timestamp, symbol, open, high, low, close, volume)} and
 * {@code performance_history(timestamp, portfolio_value, pnl, sharpe_ratio, max_drawdown, win_rate, total_trades)},
 * timestamps being UTC instants with microsecond precision.
 */
public interface SqlDialect {

    /**
     * @return an expression of the start of the bucket that holds {@code timestamp}, aligned exactly as
     *         {@link Interval#bucketStart} aligns it, typed as the timestamp column
     */
    String timeBucket(Interval interval, String timestamp);

    /** @return an aggregate of the {@code value} of the row with the earliest {@code orderBy} */
    String first(String value, String orderBy);

    /** @return an aggregate of the {@code value} of the row with the latest {@code orderBy} */
    String last(String value, String orderBy);

    /**
     * Appends a timestamp of a read's or a delete's time range: by default a bound parameter. A dialect may write a
     * literal instead (formatted from the instant, never from user text) where the engine plans better when it
     * sees the value, for example to exclude partitions at planning.
     */
    default void appendTimestamp(SqlBuilder sql, Instant at) {
        sql.param(at);
    }

    /** Appends {@code column >= from AND column < to}, both bounds as {@link #appendTimestamp} writes them. */
    default void appendRange(SqlBuilder sql, String column, Instant from, Instant to) {
        appendTimestamp(sql.sql(column + " >= "), from);
        appendTimestamp(sql.sql(" AND " + column + " < "), to);
    }

    /**
     * Appends a text a read filters by (a metric name, a symbol, a label): by default a bound parameter. A dialect
     * may write a literal instead where a statement without parameters plans better, quoted so that no text can end
     * the literal.
     */
    default void appendText(SqlBuilder sql, String text) {
        sql.param(text);
    }

    /** @return {@link #first} over the rows where the boolean column {@code condition} holds */
    default String firstWhere(String value, String orderBy, String condition) {
        return first(value, orderBy) + " FILTER (WHERE " + condition + ")";
    }

    /** @return {@link #last} over the rows where the boolean column {@code condition} holds */
    default String lastWhere(String value, String orderBy, String condition) {
        return last(value, orderBy) + " FILTER (WHERE " + condition + ")";
    }

    /** @return the continuous (interpolated) percentile aggregate of {@code value}, fraction in 0..1 */
    String percentile(double fraction, String value);

    /** @return the sample standard deviation aggregate, NULL for a group of one row */
    default String stddevSample(String value) {
        return "stddev_samp(" + value + ")";
    }

    /**
     * @return whether the driver pays much per text value a read returns, as DuckDB's JDBC driver does (a Java string
     *         made through JNI for every value, about a microsecond each: the 3,000 texts of 1,000 series' latest
     *         points were 3 of 4.5 ms). Reads then select texts with {@link #selectText} and send a symbol once per
     *         series where rows come grouped by it ({@link ReadSql#orderedAggregation}).
     */
    default boolean textsCostPerValue() {
        return false;
    }

    /**
     * @param groupedBySymbol whether the rows are sorted by symbol, then bucket, or by bucket alone
     * @return whether the database sorts an aggregation's rows into the order of its answer
     *         ({@link ReadSql#orderedAggregation}); when not, the store sorts them after reading
     *         ({@link AnswerOrder}). PostgreSQL's sort of the 36,000 hourly rows of a month by symbol took 55 to
     *         90 ms of a 110 ms read (text keys, spilling past the default {@code work_mem}), the store's 2.5 to
     *         11 ms.
     */
    default boolean sortsAggregations(boolean groupedBySymbol) {
        return true;
    }

    /**
     * @return the expression a read of points selects a text column by: the column itself, or, where
     *         {@link #textsCostPerValue}, an expression of its UTF-8 bytes (a binary value the driver returns more
     *         cheaply), read back with {@link JdbcValues#text}
     */
    default String selectText(String column) {
        return column;
    }

    /**
     * @return an ORDER BY term that sorts a text column by code point (binary), NULLs first, the same on every
     *         engine whatever the database's collation
     */
    default String orderTextNullsFirst(String column) {
        return column + " NULLS FIRST";
    }

    /**
     * Appends {@code AND <predicate>} that holds when the JSON labels column holds every given key with the given
     * value as a string (a non-string JSON value matches its JSON text). Appends nothing for no labels.
     */
    void appendLabelsMatch(SqlBuilder sql, String labelsColumn, Map<String, String> labels);

    /**
     * @return the SQL of the latest point per (metric_name, symbol) series selected by the query, as rows of
     *         {@code (timestamp, metric_name, value, symbol, labels)} ordered by metric_name then symbol, NULL
     *         symbols first (text ordered as {@link #orderTextNullsFirst})
     */
    SqlBuilder latestPerSeries(LatestQuery query);

    /**
     * Appends the query of the newest point of each series that {@code series} appends (a query of
     * {@code (metric_name, symbol)} rows, symbol NULL for the series without symbol, each series once), as rows of
     * {@code (timestamp, metric_name, value, symbol, labels)}, one per series that still has points; when points
     * tie on the newest timestamp, any one of them, whole. By default one portable {@code DISTINCT ON}; an engine
     * overrides it with the form its planner runs best.
     */
    default void appendNewestPointsOf(SqlBuilder sql, Consumer<SqlBuilder> series) {
        sql.sql("SELECT DISTINCT ON (t.metric_name, t.symbol) t.timestamp, t.metric_name, t.value, t.symbol, t.labels"
                + " FROM trading_metrics t JOIN (");
        series.accept(sql);
        sql.sql(") s ON t.metric_name = s.metric_name AND t.symbol IS NOT DISTINCT FROM s.symbol"
                + " ORDER BY t.metric_name, t.symbol, t.timestamp DESC");
    }

    /**
     * @return a query of the {@code (timestamp, metric_name, value, symbol, labels)} rows that five array parameters
     *         hold element by element, when the engine takes arrays as parameters: a derived table then merges a batch
     *         in one statement instead of staging it ({@link AppendedPoints#stage}). The parameters are bound in that
     *         order as SQL arrays of {@code text} (the timestamps as ISO-8601 text of microsecond precision, the
     *         labels as JSON text) but for the values, an array of {@code float8}; a NULL symbol is a NULL element.
     *         Empty by default (the engine stages).
     */
    default Optional<String> pointArrays() {
        return Optional.empty();
    }

    /** @return the engine's type of the labels column ({@code JSON}; PostgreSQL's is {@code JSONB}) */
    default String labelsType() {
        return "JSON";
    }

    /**
     * Makes the empty temporary table {@code name} of {@link TableColumns#METRICS}' columns (labels as
     * {@link #labelsType()}) ready inside the write's transaction, for {@link AppendedPoints#stage}. By default it is
     * created afresh and {@link #dropPointStaging dropped} after use.
     */
    default void createPointStaging(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMPORARY TABLE " + name + " " + pointStagingDefinition());
        }
    }

    /** Ends a staging table of {@link #createPointStaging}, inside the transaction. */
    default void dropPointStaging(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + name);
        }
    }

    /** @return the column definitions of a point staging table, labels typed as {@link #labelsType()} */
    default String pointStagingDefinition() {
        return TableColumns.METRICS.stagingDefinition().replace("labels VARCHAR", "labels " + labelsType());
    }

    /** Starts a transaction on an auto-commit connection, such that the engine's bulk loader joins it. */
    default void beginTransaction(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    /**
     * Makes the empty temporary staging table of an upsert ready, inside the write's transaction. By default it is
     * created afresh and {@link #dropStaging dropped} after the merge.
     */
    default void createStaging(Connection connection, TableColumns table) throws SQLException {
        createTemporaryTable(connection, table.stagingTable(), table.stagingDefinition());
    }

    /** Ends the staging table of {@link #createStaging} after its rows were merged, inside the transaction. */
    default void dropStaging(Connection connection, TableColumns table) throws SQLException {
        dropTemporaryTable(connection, table.stagingTable());
    }

    /**
     * Makes an empty temporary table ready inside the write's transaction ({@code definition} is the parenthesized
     * column list); by default created afresh and {@link #dropTemporaryTable dropped} after use.
     */
    default void createTemporaryTable(Connection connection, String name, String definition) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMPORARY TABLE " + name + " " + definition);
        }
    }

    /** Ends a table of {@link #createTemporaryTable} after use, inside the transaction. */
    default void dropTemporaryTable(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + name);
        }
    }

    /**
     * Whether the rollup tables have a primary key that writes merge by ({@code ON CONFLICT}); without one (DuckDB,
     * where the index would cost writes more than the merge), the rows already there are updated and the others
     * inserted, writes of points being serialized so that no bucket is inserted twice.
     */
    default boolean rollupTablesHaveKeys() {
        return true;
    }

    /**
     * Locks the rollup tables against concurrent writers' merges while a store reconciles its levels at open, inside
     * that transaction; nothing by default (an engine whose database one process writes).
     */
    default void lockRollupTables(Connection connection, List<String> tables) throws SQLException {
        // One process writes the database.
    }

    /**
     * The row-lock clause that orders a store's rollup refresh ({@code exclusive}) with the writes and deletes of
     * points that read the levels' watermarks, where several processes write one database; nothing by default (an
     * engine whose one writing process serializes them, see {@link #serializesUpserts}).
     */
    default String rowLock(boolean exclusive) {
        return "";
    }

    /**
     * Whether the upserts of one store must run one at a time: an engine with optimistic concurrency that aborts
     * (rather than waits for) a transaction updating a row that a concurrent one updated (DuckDB's "Conflict on
     * update") would otherwise fail contended upserts however often they are retried.
     */
    default boolean serializesUpserts() {
        return false;
    }

    /**
     * Bounds how long the current transaction waits for a row lock held by another one, for the look-up of a write
     * id after a lost commit; nothing by default (an engine that never waits for locks).
     */
    default void boundLockWait(Connection connection, Duration bound) throws SQLException {
        // No lock waits to bound.
    }

    /** @return the engine's name and version, for example {@code DuckDB v2.0.0} */
    String engineVersion(Connection connection) throws SQLException;

    /** @return the bytes the table takes on disk, where the engine tells it */
    OptionalLong tableBytesOnDisk(Connection connection, StoreTable table) throws SQLException;

    /** Runs the engine's maintenance (statistics, compaction, checkpoint) on an auto-commit connection. */
    void optimize(Connection connection) throws SQLException;
}
