package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.jdbc.SqlBuilder;
import io.tradingmetrics.storage.jdbc.SqlDialect;
import io.tradingmetrics.storage.jdbc.TableColumns;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * PostgreSQL's SQL, with TimescaleDB's {@code time_bucket} and {@code first}/{@code last} where the extension is
 * used and portable equivalents that give the same results where it is not. Text is ordered with
 * {@code COLLATE "C"} (byte order of UTF-8, which is code point order) so that results do not depend on the
 * database's collation and sort as DuckDB sorts them.
 */
final class PostgresDialect implements SqlDialect {
    /** 2000-01-03T00:00Z, the Monday TimescaleDB counts fixed-width buckets from, in epoch seconds. */
    static final long ORIGIN_EPOCH_SECONDS = 946_857_600L;

    private final TimescaleFeatures features;

    PostgresDialect(TimescaleFeatures features) {
        this.features = requireNonNull(features, "features is null");
    }

    @Override
    public String timeBucket(Interval interval, String timestamp) {
        if (features.active()) {
            String width = interval.isMonths() ? "1 month" : interval.widthMicros() / 1_000_000L + " seconds";
            return features.functionSchema() + ".time_bucket(INTERVAL '" + width + "', " + timestamp + ")";
        }
        return portableTimeBucket(interval, timestamp);
    }

    /**
     * The bucket start without TimescaleDB. Months: the calendar month in UTC. Fixed widths (whole seconds): the
     * whole seconds since the origin, floored to a multiple of the width in exact integer arithmetic (flooring to
     * the second first changes nothing, since the width is whole seconds), back to a timestamp.
     */
    static String portableTimeBucket(Interval interval, String timestamp) {
        if (interval.isMonths()) {
            return "(date_trunc('month', " + timestamp + " AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')";
        }
        long width = interval.widthMicros() / 1_000_000L;
        String sinceOrigin = "(floor(extract(epoch FROM " + timestamp + "))::bigint - " + ORIGIN_EPOCH_SECONDS + ")";
        return "to_timestamp((" + ORIGIN_EPOCH_SECONDS + " + " + sinceOrigin + " - mod(mod(" + sinceOrigin + ", "
                + width + ") + " + width + ", " + width + "))::double precision)";
    }

    /**
     * A {@code TIMESTAMPTZ} literal (ISO-8601 in UTC, microseconds, formatted from the instant). With a bound
     * parameter, pgjdbc server-prepares a statement from its fifth use and PostgreSQL may then run a generic plan,
     * which on a hypertable cannot exclude chunks at planning: a 1-minute average of one day ran 2.3 times, an hourly
     * p95 of a week 2.1 times as long (BENCHMARKS.md). With the bounds in the text every plan, generic or custom,
     * excludes the chunks outside them, and a repeated read (the same dashboard panel) reuses its plan instead of
     * planning every chunk again; forcing custom plans instead ({@code plan_cache_mode}) paid that planning on every
     * call. Names are literals too ({@link #appendText}).
     */
    @Override
    public void appendTimestamp(SqlBuilder sql, Instant at) {
        sql.sql("TIMESTAMPTZ '" + DateTimeFormatter.ISO_INSTANT.format(at) + "'");
    }

    /**
     * An escape string literal ({@code E'...'} with backslashes and quotes doubled, read alike whatever
     * {@code standard_conforming_strings} says). With the metric name and symbol bound, PostgreSQL planned one
     * series' last day again at every run (it kept choosing custom plans, as a generic plan's estimate of a bound name
     * is worse), about 0.06 of its 0.38 ms; with every value in the text a statement has no parameters, and the
     * statement pgjdbc server-prepares from its fifth use keeps its one plan (BENCHMARKS.md).
     */
    @Override
    public void appendText(SqlBuilder sql, String text) {
        if (text.indexOf('\0') >= 0) {
            // A NUL would cut the statement's text in the protocol message: bound, pgjdbc refuses it, and the store
            // reports that as invalid input (PostgresErrorTranslator).
            sql.param(text);
            return;
        }
        StringBuilder literal = new StringBuilder(text.length() + 4).append("E'");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\'') {
                literal.append(c);
            }
            literal.append(c);
        }
        sql.sql(literal.append('\'').toString());
    }

    @Override
    public String first(String value, String orderBy) {
        return features.active() ? features.functionSchema() + ".first(" + value + ", " + orderBy + ")"
                : "(array_agg(" + value + " ORDER BY " + orderBy + "))[1]";
    }

    @Override
    public String last(String value, String orderBy) {
        return features.active() ? features.functionSchema() + ".last(" + value + ", " + orderBy + ")"
                : "(array_agg(" + value + " ORDER BY " + orderBy + " DESC))[1]";
    }

    /** The portable form filters inside its array, before the element is taken. */
    @Override
    public String firstWhere(String value, String orderBy, String condition) {
        return features.active() ? SqlDialect.super.firstWhere(value, orderBy, condition)
                : "(array_agg(" + value + " ORDER BY " + orderBy + ") FILTER (WHERE " + condition + "))[1]";
    }

    @Override
    public String lastWhere(String value, String orderBy, String condition) {
        return features.active() ? SqlDialect.super.lastWhere(value, orderBy, condition)
                : "(array_agg(" + value + " ORDER BY " + orderBy + " DESC) FILTER (WHERE " + condition + "))[1]";
    }

    @Override
    public String percentile(double fraction, String value) {
        return "percentile_cont(" + fraction + ") WITHIN GROUP (ORDER BY " + value + ")";
    }

    /**
     * By symbol, the server's sort spills to disk within the default {@code work_mem}; by bucket alone it is cheap,
     * and the store's sort of 1,440 minutes cost more (the 1-minute average of a day at 1M points, BENCHMARKS.md).
     */
    @Override
    public boolean sortsAggregations(boolean groupedBySymbol) {
        return !groupedBySymbol;
    }

    @Override
    public String orderTextNullsFirst(String column) {
        return column + " COLLATE \"C\" NULLS FIRST";
    }

    /**
     * {@code labels ->> key = value} per label: {@code ->>} gives a string's text and any other JSON value's JSON
     * text, so labels that the older system stored as numbers still match.
     */
    @Override
    public void appendLabelsMatch(SqlBuilder sql, String labelsColumn, Map<String, String> labels) {
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            appendText(sql.sql(" AND (" + labelsColumn + " ->> CAST("), label.getKey());
            appendText(sql.sql(" AS TEXT)) = CAST("), label.getValue());
            sql.sql(" AS TEXT)");
        }
    }

    /**
     * A loose index scan: the distinct metrics, then each metric's distinct symbols, are found by one index probe
     * each (recursive {@code min(...) > previous}) on {@code (metric_name, symbol, timestamp DESC)}, and each series'
     * newest row by one more ({@code ORDER BY timestamp DESC LIMIT 1}). That reads a few rows per series instead of
     * the whole table, which {@code DISTINCT ON} or a window would sort.
     */
    @Override
    public SqlBuilder latestPerSeries(LatestQuery query) {
        SqlBuilder sql = new SqlBuilder().sql("WITH RECURSIVE metrics(name) AS (");
        if (query.metricNames().isEmpty()) {
            sql.sql("SELECT min(metric_name) FROM trading_metrics UNION ALL SELECT (SELECT min(t.metric_name)"
                    + " FROM trading_metrics t WHERE t.metric_name > m.name) FROM metrics m WHERE m.name IS NOT NULL");
        } else {
            String separator = "";
            for (String name : new TreeSet<>(query.metricNames())) {
                sql.sql(separator + "SELECT CAST(").param(name).sql(" AS TEXT)");
                separator = " UNION ALL ";
            }
        }
        sql.sql("), series(name, symbol) AS (");
        if (query.symbol().isPresent()) {
            sql.sql("SELECT name, CAST(").param(query.symbol().get()).sql(" AS TEXT) FROM metrics WHERE name IS NOT NULL)");
        } else {
            sql.sql("SELECT m.name, (SELECT min(t.symbol) FROM trading_metrics t WHERE t.metric_name = m.name)"
                    + " FROM metrics m WHERE m.name IS NOT NULL UNION ALL SELECT s.name, (SELECT min(t.symbol)"
                    + " FROM trading_metrics t WHERE t.metric_name = s.name AND t.symbol > s.symbol) FROM series s"
                    + " WHERE s.symbol IS NOT NULL)");
        }
        String newest = " ORDER BY t.timestamp DESC LIMIT 1) p";
        sql.sql(" SELECT * FROM (SELECT p.timestamp, p.metric_name, p.value, p.symbol, p.labels FROM series s CROSS JOIN LATERAL"
                + " (SELECT t.timestamp, t.metric_name, t.value, t.symbol, t.labels FROM trading_metrics t"
                + " WHERE t.metric_name = s.name AND t.symbol = s.symbol" + newest + " WHERE s.symbol IS NOT NULL");
        if (query.symbol().isEmpty()) {
            sql.sql(" UNION ALL SELECT p.timestamp, p.metric_name, p.value, p.symbol, p.labels FROM metrics m"
                    + " CROSS JOIN LATERAL (SELECT t.timestamp, t.metric_name, t.value, t.symbol, t.labels"
                    + " FROM trading_metrics t WHERE t.metric_name = m.name AND t.symbol IS NULL" + newest
                    + " WHERE m.name IS NOT NULL");
        }
        return sql.sql(") latest ORDER BY metric_name COLLATE \"C\", " + orderTextNullsFirst("symbol"));
    }

    /**
     * The session's staging table lives as long as the pooled connection and is emptied at every commit, so neither
     * a committed nor a rolled-back write leaves rows for the next one; creating and dropping it per upsert would
     * churn the catalog.
     */
    @Override
    public void createStaging(Connection connection, TableColumns table) throws SQLException {
        createSessionStaging(connection, table.stagingTable(), table.stagingDefinition());
    }

    /** Kept for the session and emptied at every commit, as {@link #createStaging}. */
    @Override
    public void createPointStaging(Connection connection, String name) throws SQLException {
        createSessionStaging(connection, name, pointStagingDefinition());
    }

    @Override
    public void dropPointStaging(Connection connection, String name) {
        // Kept for the session; emptied at commit (see createStaging).
    }

    private static void createSessionStaging(Connection connection, String name, String definition)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet row = statement.executeQuery("SELECT to_regclass('pg_temp." + name + "') IS NOT NULL")) {
                row.next();
                exists = row.getBoolean(1);
            }
            if (!exists) {
                statement.execute("CREATE TEMPORARY TABLE " + name + " " + definition + " ON COMMIT DELETE ROWS");
            }
        }
    }

    /**
     * One round trip per batch for a derived table, where staging takes three (table check, COPY, merge). It also
     * leaves the session without a temporary table: a backend that has one drops it when it exits, in a transaction
     * of its own whose commit waits for a synchronous standby too, so that a backend terminated while its commit
     * waited for a standby would hang in its exit instead of closing the connection (CommitWaitKillTest).
     */
    @Override
    public Optional<String> pointArrays() {
        return Optional.of("SELECT * FROM unnest(CAST(? AS timestamptz[]), CAST(? AS text[]), CAST(? AS float8[]),"
                + " CAST(? AS text[]), CAST(? AS jsonb[])) AS p(timestamp, metric_name, value, symbol, labels)");
    }

    @Override
    public String labelsType() {
        return "JSONB";
    }

    /**
     * One index probe per series on {@code (metric_name, symbol, timestamp DESC)}: the newest row by
     * {@code ORDER BY timestamp DESC LIMIT 1}, the series without symbol apart ({@code IS NOT DISTINCT FROM} would
     * not use the index).
     */
    @Override
    public void appendNewestPointsOf(SqlBuilder sql, Consumer<SqlBuilder> series) {
        String point = " CROSS JOIN LATERAL (SELECT t.timestamp, t.metric_name, t.value, t.symbol, t.labels"
                + " FROM trading_metrics t WHERE t.metric_name = s.metric_name AND ";
        String newest = " ORDER BY t.timestamp DESC LIMIT 1) p";
        sql.sql("SELECT p.* FROM (");
        series.accept(sql);
        sql.sql(") s" + point + "t.symbol = s.symbol" + newest + " WHERE s.symbol IS NOT NULL"
                + " UNION ALL SELECT p.* FROM (");
        series.accept(sql);
        sql.sql(") s" + point + "t.symbol IS NULL" + newest + " WHERE s.symbol IS NULL");
    }

    @Override
    public void dropStaging(Connection connection, TableColumns table) {
        // Kept for the session; emptied at commit (see createStaging).
    }

    /** Kept for the session and emptied at every commit, as the staging tables (see {@link #createStaging}). */
    @Override
    public void createTemporaryTable(Connection connection, String name, String definition) throws SQLException {
        createSessionStaging(connection, name, definition);
    }

    @Override
    public void dropTemporaryTable(Connection connection, String name) {
        // Kept for the session; emptied at commit (see createTemporaryTable).
    }

    /**
     * EXCLUSIVE conflicts with the ROW EXCLUSIVE lock that a write's merge takes on a rollup table, so a store that
     * builds levels at open waits for the merges under way to commit (and then sees their raw points), and a write
     * that reaches its merge meanwhile waits for the build to commit (and then adds its points to the built rows).
     */
    @Override
    public void lockRollupTables(Connection connection, List<String> tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + String.join(", ", tables) + " IN EXCLUSIVE MODE");
        }
    }

    /** FOR SHARE conflicts with FOR UPDATE only: writes read the watermarks together, the refresh waits for them. */
    @Override
    public String rowLock(boolean exclusive) {
        return exclusive ? " FOR UPDATE" : " FOR SHARE";
    }

    @Override
    public void boundLockWait(Connection connection, Duration bound) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = " + bound.toMillis());
        }
    }

    @Override
    public String engineVersion(Connection connection) throws SQLException {
        String version = "PostgreSQL " + queryString(connection, "SELECT current_setting('server_version')");
        return features.active() ? version + " + TimescaleDB " + features.version().orElse("?") : version;
    }

    /** Hypertables report the size of all their chunks; plain tables their heap, indexes and TOAST. */
    @Override
    public OptionalLong tableBytesOnDisk(Connection connection, StoreTable table) throws SQLException {
        String relation = "format('%I.%I', current_schema(), '" + table.tableName() + "')::regclass";
        String sql = features.active()
                ? "SELECT CASE WHEN EXISTS (SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_schema"
                + " = current_schema() AND hypertable_name = '" + table.tableName() + "') THEN "
                + features.functionSchema() + ".hypertable_size(" + relation + ") ELSE pg_total_relation_size("
                + relation + ") END"
                : "SELECT pg_total_relation_size(" + relation + ")";
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            long bytes = row.getLong(1);
            return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(bytes);
        }
    }

    /** VACUUM cannot run in a transaction: the connection is in auto-commit mode. */
    @Override
    public void optimize(Connection connection) throws SQLException {
        List<String> derived = new java.util.ArrayList<>();
        // The tables derived from the points (rollups, catalogue) too, where the schema has them: a rollup table
        // without statistics is planned as if empty.
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname ="
                     + " current_schema() AND tablename LIKE 'metric\\_rollup\\_%' ORDER BY tablename")) {
            while (rows.next()) {
                derived.add(rows.getString(1));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (StoreTable table : StoreTable.values()) {
                statement.execute("VACUUM (ANALYZE) " + table.tableName());
            }
            for (String table : derived) {
                statement.execute("VACUUM (ANALYZE) " + table);
            }
        }
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
