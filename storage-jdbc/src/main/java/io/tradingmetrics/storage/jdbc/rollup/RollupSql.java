package io.tradingmetrics.storage.jdbc.rollup;

import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.jdbc.SqlBuilder;
import io.tradingmetrics.storage.jdbc.SqlDialect;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * The SQL that keeps the rollup tables: merging a write's staged summaries, and rebuilding buckets from raw points.
 *
 * <p>A rollup table holds one row per (metric_name, symbol, has_symbol, bucket): {@code symbol} is {@code ''} and
 * {@code has_symbol} false for points without a symbol (an empty symbol is a valid symbol, so no text can stand for
 * none, and a key column cannot be NULL). Its columns are those of {@link RollupRow}.
 */
public final class RollupSql {
    /** The levels that have been built from the raw points and maintained by every write since. */
    public static final String LEVELS_TABLE = "metric_rollup_levels";
    /** The temporary table a write's summaries are staged in, every level's rows together. */
    public static final String STAGING_TABLE = "metric_rollup_staging";
    /** The staging table's columns, in the order they are loaded. */
    public static final String STAGING_DEFINITION = "(level VARCHAR NOT NULL, metric_name VARCHAR NOT NULL,"
            + " symbol VARCHAR, bucket TIMESTAMPTZ NOT NULL, sample_count BIGINT NOT NULL,"
            + " value_sum DOUBLE PRECISION NOT NULL, value_min DOUBLE PRECISION NOT NULL,"
            + " value_max DOUBLE PRECISION NOT NULL, first_ts TIMESTAMPTZ NOT NULL,"
            + " first_value DOUBLE PRECISION NOT NULL, last_ts TIMESTAMPTZ NOT NULL,"
            + " last_value DOUBLE PRECISION NOT NULL)";
    /** The staging table's column names, in that order. */
    public static final String STAGING_COLUMNS = "level, metric_name, symbol, bucket, sample_count, value_sum,"
            + " value_min, value_max, first_ts, first_value, last_ts, last_value";

    static final String COLUMNS = "metric_name, symbol, has_symbol, bucket, sample_count, value_sum, value_min,"
            + " value_max, first_ts, first_value, last_ts, last_value";
    private static final String KEY = "metric_name, symbol, has_symbol, bucket";
    private static final String STAGED = "s.metric_name, COALESCE(s.symbol, ''), s.symbol IS NOT NULL, s.bucket,"
            + " s.sample_count, s.value_sum, s.value_min, s.value_max, s.first_ts, s.first_value, s.last_ts,"
            + " s.last_value";

    private final SqlDialect dialect;

    public RollupSql(SqlDialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /**
     * The merge of a level's staged rows by key (PostgreSQL: one {@code INSERT ... ON CONFLICT DO UPDATE}, rows in
     * key order so that concurrent writers lock them in the same order).
     */
    SqlBuilder upsert(Interval level) {
        String table = RollupSettings.tableOf(level);
        return new SqlBuilder().sql("INSERT INTO " + table + " AS r (" + COLUMNS + ") SELECT " + STAGED + " FROM "
                        + STAGING_TABLE + " s WHERE s.level = ").param(level.label())
                .sql(" ORDER BY 1, 2, 3, 4 ON CONFLICT (" + KEY + ") DO UPDATE SET " + merged("r", "EXCLUDED"));
    }

    /**
     * The merge for an engine without a key on the table (DuckDB: an index would cost more than the merge): the
     * rows the level has already are updated, then the others inserted. The bounds confine both to the row groups
     * of the batch's buckets.
     */
    SqlBuilder[] updateThenInsert(Interval level, Instant firstBucket, Instant lastBucket) {
        String table = RollupSettings.tableOf(level);
        String match = "r.metric_name = s.metric_name AND r.symbol = COALESCE(s.symbol, '')"
                + " AND r.has_symbol = (s.symbol IS NOT NULL) AND r.bucket = s.bucket";
        SqlBuilder update = new SqlBuilder().sql("UPDATE " + table + " AS r SET " + merged("r", "s") + " FROM "
                        + STAGING_TABLE + " s WHERE s.level = ").param(level.label()).sql(" AND " + match
                        + " AND r.bucket >= ").param(firstBucket).sql(" AND r.bucket <= ").param(lastBucket);
        SqlBuilder insert = new SqlBuilder().sql("INSERT INTO " + table + " (" + COLUMNS + ") SELECT " + STAGED
                        + " FROM " + STAGING_TABLE + " s WHERE s.level = ").param(level.label())
                .sql(" AND NOT EXISTS (SELECT 1 FROM " + table + " r WHERE " + match + " AND r.bucket >= ")
                .param(firstBucket).sql(" AND r.bucket <= ").param(lastBucket).sql(")");
        return new SqlBuilder[] {update, insert};
    }

    /** Counts and sums add; extremes least/greatest; first/last from the earlier/later timestamp, stored on ties. */
    private static String merged(String stored, String added) {
        return "sample_count = " + stored + ".sample_count + " + added + ".sample_count, "
                + "value_sum = " + stored + ".value_sum + " + added + ".value_sum, "
                + "value_min = least(" + stored + ".value_min, " + added + ".value_min), "
                + "value_max = greatest(" + stored + ".value_max, " + added + ".value_max), "
                + "first_value = CASE WHEN " + added + ".first_ts < " + stored + ".first_ts THEN " + added
                + ".first_value ELSE " + stored + ".first_value END, "
                + "first_ts = least(" + stored + ".first_ts, " + added + ".first_ts), "
                + "last_value = CASE WHEN " + added + ".last_ts > " + stored + ".last_ts THEN " + added
                + ".last_value ELSE " + stored + ".last_value END, "
                + "last_ts = greatest(" + stored + ".last_ts, " + added + ".last_ts)";
    }

    /** The deletion of a level's buckets that start in [from, to). */
    SqlBuilder deleteBuckets(Interval level, Instant from, Instant to) {
        return new SqlBuilder().sql("DELETE FROM " + RollupSettings.tableOf(level) + " WHERE bucket >= ").param(from)
                .sql(" AND bucket < ").param(to);
    }

    /** The deletion of every row of a level. */
    String deleteAll(Interval level) {
        return "DELETE FROM " + RollupSettings.tableOf(level);
    }

    /**
     * The level's rows of the raw points in [from, to), whose ends are bucket starts of the level, in bucket order
     * (so that a level's row groups follow time, as its reads do).
     */
    SqlBuilder buildFromRaw(Interval level, Instant from, Instant to) {
        String bucket = dialect.timeBucket(level, "timestamp");
        return new SqlBuilder().sql("INSERT INTO " + RollupSettings.tableOf(level) + " (" + COLUMNS + ") SELECT"
                        + " metric_name, COALESCE(symbol, ''), symbol IS NOT NULL, " + bucket + ", count(*),"
                        + " sum(value), min(value), max(value), min(timestamp), " + dialect.first("value", "timestamp")
                        + ", max(timestamp), " + dialect.last("value", "timestamp") + " FROM trading_metrics"
                        + " WHERE timestamp >= ").param(from).sql(" AND timestamp < ").param(to)
                .sql(" GROUP BY metric_name, symbol, " + bucket + " ORDER BY 4");
    }

    /** The rows {@link #buildFromRaw} would write of the raw points in [from, to), and the points they sum up. */
    SqlBuilder countFromRaw(Interval level, Instant from, Instant to) {
        String bucket = dialect.timeBucket(level, "timestamp");
        return new SqlBuilder().sql("SELECT count(*), CAST(COALESCE(sum(points), 0) AS BIGINT) FROM (SELECT"
                        + " count(*) AS points FROM trading_metrics WHERE timestamp >= ").param(from)
                .sql(" AND timestamp < ").param(to).sql(" GROUP BY metric_name, symbol, " + bucket + ") AS buckets");
    }
}
