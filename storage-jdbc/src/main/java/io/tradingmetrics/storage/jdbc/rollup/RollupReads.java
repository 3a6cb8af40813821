package io.tradingmetrics.storage.jdbc.rollup;

import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.jdbc.SqlBuilder;
import io.tradingmetrics.storage.jdbc.SqlDialect;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Answers an aggregation from the coarsest rollup level that gives exactly the raw answer, when there is one:
 *
 * <ul>
 *   <li>the aggregation merges from summaries: avg, sum, min, max, count, first, last (not the percentiles, and not
 *       stddev, whose exact merge the rollups do not keep);</li>
 *   <li>no label filter (rollups are per metric and symbol only);</li>
 *   <li>the query's buckets are unions of the level's: its width a multiple of the level's (both count from the same
 *       origin), or months, which every level divides since each divides a day;</li>
 *   <li>the range holds at least one whole bucket of the level before the level's watermark. Its edges before the
 *       first and after the last such bucket (the points not yet refreshed among them) are read from raw points and
 *       merged in the same statement.</li>
 * </ul>
 *
 * The rows are those of the raw aggregation ({@link io.tradingmetrics.storage.jdbc.ReadSql#aggregateRows}).
 */
public final class RollupReads {
    private static final Set<Aggregation> MERGEABLE = EnumSet.of(Aggregation.AVG, Aggregation.SUM, Aggregation.MIN,
            Aggregation.MAX, Aggregation.COUNT, Aggregation.FIRST, Aggregation.LAST);

    private final SqlDialect dialect;

    public RollupReads(SqlDialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /**
     * @param built the built levels, finest first
     * @param dense those of them whose rows sum up enough points to be worth regrouping ({@code Rollups.readableLevels})
     * @return the level that answers the query exactly, if any: a built level whose rows are the query's buckets
     *         (see {@link #ownBuckets}), dense or not, as its rows are then read as they are and are never more than
     *         the points; else the coarsest dense level that divides the interval
     */
    public static Optional<RollupLevel> levelFor(AggregationQuery query, List<RollupLevel> built,
                                                 List<RollupLevel> dense) {
        if (!MERGEABLE.contains(query.aggregation()) || !query.labels().isEmpty()) {
            return Optional.empty();
        }
        for (RollupLevel level : built) {
            if (ownBuckets(query, level) && holdsWholeBucket(query.range(), level)) {
                return Optional.of(level);
            }
        }
        // From the coarsest down: a coarser level that holds no whole bucket of the range leaves it to a finer one.
        for (int i = dense.size() - 1; i >= 0; i--) {
            RollupLevel level = dense.get(i);
            boolean divides = query.interval().isMonths()
                    || query.interval().widthMicros() % level.level().widthMicros() == 0;
            if (divides && holdsWholeBucket(query.range(), level)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    private static boolean holdsWholeBucket(TimeRange range, RollupLevel level) {
        Instant[] whole = wholeBuckets(range, level);
        return whole[0].isBefore(whole[1]);
    }

    /**
     * @return the start of the first and the end of the last whole bucket of the level within the range and before
     *         the level's watermark
     */
    static Instant[] wholeBuckets(TimeRange range, RollupLevel rollup) {
        Interval level = rollup.level();
        Instant startBucket = level.bucketStart(range.from());
        Instant first = startBucket.equals(range.from()) ? startBucket : level.next(startBucket);
        Instant last = level.bucketStart(range.to());
        return new Instant[] {first, last.isAfter(rollup.refreshedThrough()) ? rollup.refreshedThrough() : last};
    }

    /**
     * @param built the built levels, and {@code dense} those worth regrouping, as {@link #levelFor} takes them
     * @return the aggregation's rows from the level's table, its range's edges from raw points, unordered (see
     *         {@link io.tradingmetrics.storage.jdbc.ReadSql#orderedAggregation}); empty when no level answers it
     *         exactly
     */
    public Optional<SqlBuilder> aggregateRows(AggregationQuery query, List<RollupLevel> built,
                                              List<RollupLevel> dense) {
        Optional<RollupLevel> level = levelFor(query, built, dense);
        if (level.isEmpty()) {
            return Optional.empty();
        }
        Instant[] whole = wholeBuckets(query.range(), level.get());
        Aggregation aggregation = query.aggregation();
        String table = RollupSettings.tableOf(level.get().level());
        String symbol = query.groupBySymbol() ? "CASE WHEN has_symbol THEN symbol END" : "CAST(NULL AS VARCHAR)";
        boolean before = query.range().from().isBefore(whole[0]);
        boolean after = whole[1].isBefore(query.range().to());
        SqlBuilder sql = new SqlBuilder();
        if (ownBuckets(query, level.get())) {
            // Each of the level's rows is a bucket of the answer, and the edges' buckets are none of them: only the
            // edges' raw points are grouped.
            sql.sql("SELECT " + symbol + " AS series_symbol, bucket AS bucket_start, " + single(aggregation)
                    + " AS agg_value, sample_count");
            levelRows(sql, query, table, whole);
            if (before || after) {
                sql.sql(" UNION ALL SELECT series_symbol, bucket_start, " + merged(aggregation)
                        + ", CAST(sum(n) AS BIGINT) FROM (");
                rawEdges(sql, query, whole, before, after);
                sql.sql(") edges GROUP BY series_symbol, bucket_start");
            }
        } else {
            sql.sql("SELECT series_symbol, bucket_start, " + merged(aggregation)
                    + " AS agg_value, CAST(sum(n) AS BIGINT) AS sample_count FROM (SELECT " + symbol
                    + " AS series_symbol, " + dialect.timeBucket(query.interval(), "bucket") + " AS bucket_start, "
                    + summaryColumns(aggregation));
            levelRows(sql, query, table, whole);
            if (before || after) {
                sql.sql(" UNION ALL ");
                rawEdges(sql, query, whole, before, after);
            }
            sql.sql(") parts GROUP BY series_symbol, bucket_start");
        }
        return Optional.of(sql);
    }

    /**
     * @return whether each of the level's rows is a bucket of the answer: the query's buckets are the level's, and
     *         it reads one series per bucket (grouped by symbol, or one symbol)
     */
    private static boolean ownBuckets(AggregationQuery query, RollupLevel level) {
        return !query.interval().isMonths() && query.interval().widthMicros() == level.level().widthMicros()
                && (query.groupBySymbol() || query.symbol().isPresent());
    }

    private void levelRows(SqlBuilder sql, AggregationQuery query, String table, Instant[] whole) {
        dialect.appendText(sql.sql(" FROM " + table + " WHERE metric_name = "), query.metricName());
        dialect.appendRange(sql.sql(" AND "), "bucket", whole[0], whole[1]);
        query.symbol().ifPresent(s -> {
            dialect.appendText(sql.sql(" AND symbol = "), s);
            sql.sql(" AND has_symbol");
        });
    }

    /** The points of the range's edges outside the level's whole buckets, each as the summary of itself. */
    private void rawEdges(SqlBuilder sql, AggregationQuery query, Instant[] whole, boolean before, boolean after) {
        Aggregation aggregation = query.aggregation();
        sql.sql("SELECT " + (query.groupBySymbol() ? "symbol" : "CAST(NULL AS VARCHAR)") + " AS series_symbol, "
                + dialect.timeBucket(query.interval(), "timestamp") + " AS bucket_start, "
                + rawColumns(aggregation) + " FROM trading_metrics WHERE metric_name = ");
        dialect.appendText(sql, query.metricName());
        sql.sql(" AND (");
        if (before) {
            dialect.appendRange(sql.sql("("), "timestamp", query.range().from(), whole[0]);
            sql.sql(")");
        }
        if (after) {
            dialect.appendRange(sql.sql(before ? " OR (" : "("), "timestamp", whole[1], query.range().to());
            sql.sql(")");
        }
        sql.sql(")");
        query.symbol().ifPresent(s -> dialect.appendText(sql.sql(" AND symbol = "), s));
    }

    /** The aggregation of one level row alone, as {@link #merged} gives it over that row. */
    private static String single(Aggregation aggregation) {
        return switch (aggregation) {
            case AVG -> "value_sum / CAST(sample_count AS DOUBLE PRECISION)";
            case SUM -> "value_sum";
            case MIN -> "value_min";
            case MAX -> "value_max";
            case COUNT -> "CAST(sample_count AS DOUBLE PRECISION)";
            case FIRST -> "first_value";
            case LAST -> "last_value";
            default -> throw new IllegalArgumentException(aggregation + " does not merge from rollups");
        };
    }

    private String merged(Aggregation aggregation) {
        return switch (aggregation) {
            case AVG -> "sum(s) / CAST(sum(n) AS DOUBLE PRECISION)";
            case SUM -> "sum(s)";
            case MIN -> "min(s)";
            case MAX -> "max(s)";
            case COUNT -> "CAST(sum(n) AS DOUBLE PRECISION)";
            case FIRST -> dialect.first("s", "t");
            case LAST -> dialect.last("s", "t");
            default -> throw new IllegalArgumentException(aggregation + " does not merge from rollups");
        };
    }

    /** The level's columns the aggregation needs, as (n, s[, t]). */
    private static String summaryColumns(Aggregation aggregation) {
        return switch (aggregation) {
            case AVG, SUM -> "sample_count AS n, value_sum AS s";
            case MIN -> "sample_count AS n, value_min AS s";
            case MAX -> "sample_count AS n, value_max AS s";
            case COUNT -> "sample_count AS n, value_sum AS s";
            case FIRST -> "sample_count AS n, first_value AS s, first_ts AS t";
            case LAST -> "sample_count AS n, last_value AS s, last_ts AS t";
            default -> throw new IllegalArgumentException(aggregation + " does not merge from rollups");
        };
    }

    /** A raw point as the summary of itself, in the columns of {@link #summaryColumns}. */
    private static String rawColumns(Aggregation aggregation) {
        return switch (aggregation) {
            case FIRST, LAST -> "1 AS n, value AS s, timestamp AS t";
            default -> "1 AS n, value AS s";
        };
    }
}
