package io.tradingmetrics.storage.jdbc.rollup;

import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.Timestamps;
import io.tradingmetrics.storage.jdbc.JdbcExecutor;
import io.tradingmetrics.storage.jdbc.JdbcValues;
import io.tradingmetrics.storage.jdbc.SqlBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The SQL of {@code metric_rollup_levels}: which levels are built, each one's watermark, and the rows and points its
 * refreshes added (V7; a database of V6 has no watermarks, and its levels are complete).
 */
final class RollupLevelsTable {
    /** The levels read from the table: their watermarks, and per level {rows, points} the refreshes added. */
    record Built(Map<Interval, Instant> watermarks, Map<Interval, long[]> counts) {}

    /** What a database holds of the levels table; it changes only by a migration, which no open store runs. */
    private enum Schema { NONE, WITHOUT_WATERMARKS, WITH_WATERMARKS }

    private final RollupSql sql;
    private volatile Schema schema;

    RollupLevelsTable(RollupSql sql) {
        this.sql = requireNonNull(sql, "sql is null");
    }

    /**
     * @param lock the dialect's row-lock clause for the levels' rows, or empty for none
     * @return the built levels ({@link Timestamps#MAX} the watermark of a level built by a version that kept every
     *         bucket at write time), or null when the database has no rollup tables
     */
    Built read(Connection connection, String lock) throws SQLException {
        if (schema == null) {
            schema = schema(connection);
        }
        if (schema == Schema.NONE) {
            return null;
        }
        boolean hasWatermarks = schema == Schema.WITH_WATERMARKS;
        Map<Interval, Instant> watermarks = new HashMap<>();
        Map<Interval, long[]> counts = new HashMap<>();
        String query = "SELECT level" + (hasWatermarks ? ", refreshed_through, summed_rows, summed_points" : "")
                + " FROM " + RollupSql.LEVELS_TABLE + " ORDER BY level" + lock;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                String label = rows.getString(1);
                Instant through = hasWatermarks ? JdbcValues.optionalInstant(rows, 2).orElse(Timestamps.MAX)
                        : Timestamps.MAX;
                long[] rowsAndPoints = hasWatermarks ? new long[] {rows.getLong(3), rows.getLong(4)} : new long[2];
                RollupSettings.ALLOWED.stream().filter(level -> level.label().equals(label)).forEach(level -> {
                    watermarks.put(level, through);
                    counts.put(level, rowsAndPoints);
                });
            }
        }
        return new Built(Map.copyOf(watermarks), Map.copyOf(counts));
    }

    /** Records a level as built, empty, its watermark at the start of time. */
    void insert(Connection connection, Interval level, Instant builtAt) throws SQLException {
        JdbcExecutor.update(connection, new SqlBuilder().sql("INSERT INTO " + RollupSql.LEVELS_TABLE
                        + " (level, built_at, refreshed_through, summed_rows, summed_points) VALUES (")
                .param(level.label()).sql(", ").param(builtAt).sql(", ").param(Timestamps.MIN).sql(", 0, 0)"));
    }

    /** Forgets a level. */
    void delete(Connection connection, Interval level) throws SQLException {
        JdbcExecutor.update(connection, new SqlBuilder().sql("DELETE FROM " + RollupSql.LEVELS_TABLE
                + " WHERE level = ").param(level.label()));
    }

    /**
     * Sums up the raw points in [from, to) into the level, which holds no bucket there, and moves its watermark to
     * {@code to}, adding the rows and the points they sum up to the level's counts.
     *
     * @return the rows added and the points they sum up
     */
    long[] sumUp(Connection connection, Interval level, Instant from, Instant to) throws SQLException {
        JdbcExecutor.update(connection, sql.buildFromRaw(level, from, to));
        long[] counts = count(connection, level, from, to);
        JdbcExecutor.update(connection, new SqlBuilder().sql("UPDATE " + RollupSql.LEVELS_TABLE
                        + " SET refreshed_through = ").param(to).sql(", summed_rows = COALESCE(summed_rows, 0) + ")
                .param(counts[0]).sql(", summed_points = COALESCE(summed_points, 0) + ").param(counts[1])
                .sql(" WHERE level = ").param(level.label()));
        return counts;
    }

    /**
     * @return the rows the level would hold of the raw points in [from, to) and the points they would sum up,
     *         counted without writing them
     */
    long[] probe(Connection connection, Interval level, Instant from, Instant to) throws SQLException {
        return counts(connection, sql.countFromRaw(level, from, to));
    }

    /** Starts the level's counts again from a probe's: they judge the level by its points since. */
    void restartCounts(Connection connection, Interval level, long[] rowsAndPoints) throws SQLException {
        JdbcExecutor.update(connection, new SqlBuilder().sql("UPDATE " + RollupSql.LEVELS_TABLE
                        + " SET summed_rows = ").param(rowsAndPoints[0]).sql(", summed_points = ")
                .param(rowsAndPoints[1]).sql(" WHERE level = ").param(level.label()));
    }

    /** Cuts a complete level (built before V7) at a watermark: its buckets from there on go, its counts are taken. */
    void cutAt(Connection connection, Interval level, Instant watermark) throws SQLException {
        JdbcExecutor.update(connection, sql.deleteBuckets(level, watermark, Timestamps.MAX));
        long[] counts = count(connection, level, Timestamps.MIN, watermark);
        JdbcExecutor.update(connection, new SqlBuilder().sql("UPDATE " + RollupSql.LEVELS_TABLE
                        + " SET refreshed_through = ").param(watermark).sql(", summed_rows = ").param(counts[0])
                .sql(", summed_points = ").param(counts[1]).sql(" WHERE level = ").param(level.label()));
    }

    /** @return the level's rows in [from, to) and the points they sum up */
    private static long[] count(Connection connection, Interval level, Instant from, Instant to)
            throws SQLException {
        return counts(connection, new SqlBuilder().sql("SELECT count(*), CAST(COALESCE(sum(sample_count), 0) AS"
                + " BIGINT) FROM " + RollupSettings.tableOf(level) + " WHERE bucket >= ").param(from)
                .sql(" AND bucket < ").param(to));
    }

    /** @return the two counts the query selects */
    private static long[] counts(Connection connection, SqlBuilder query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query.text())) {
            query.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        }
    }

    private static Schema schema(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*), count(CASE WHEN column_name"
                + " = 'refreshed_through' THEN 1 END) FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ?")) {
            statement.setString(1, RollupSql.LEVELS_TABLE);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1) == 0 ? Schema.NONE
                        : row.getLong(2) == 0 ? Schema.WITHOUT_WATERMARKS : Schema.WITH_WATERMARKS;
            }
        }
    }
}
