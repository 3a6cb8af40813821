package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The most buckets one time-bucketed read (an aggregation, a candle roll-up, candles built from points) may return,
 * so that one query cannot run the process out of memory: a 1-second aggregation over 26 years with gap filling
 * would be 800 million buckets. Checked before querying where the count is known in advance (gap filling: every
 * bucket of the range, per series) and while reading otherwise, with the query's row limit one above the cap so that
 * neither the driver nor the store ever holds more.
 *
 * @param maxBuckets the most buckets, at least 1
 * @param setting the configuration key that sets it, for messages (for example
 *                {@code metrics.store.duckdb.max-buckets})
 */
public record BucketCap(long maxBuckets, String setting) {
    /**
     * The default: a million buckets are about 100 MB on the heap and more points than any chart shows, while a
     * year of 1-minute buckets (525,600) or a month of 5-second ones fits.
     */
    public static final long DEFAULT_MAX_BUCKETS = 1_000_000;

    public BucketCap {
        requireNonNull(setting, "setting is null");
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be 1 or more, not " + maxBuckets);
        }
    }

    /** @return the cap the reference configuration sets, named by the key {@code max-buckets} */
    public static BucketCap defaults() {
        return new BucketCap(DEFAULT_MAX_BUCKETS, "max-buckets");
    }

    /**
     * @param what the read, for the message (for example {@code the aggregation of metric 'price'})
     * @param series how many series are filled
     * @throws InvalidInputException when filling every bucket of the range for every series exceeds the cap
     */
    public void checkFilled(String what, Interval interval, TimeRange range, long series) {
        long perSeries = interval.bucketsIn(range);
        long total = series > 0 && perSeries > Long.MAX_VALUE / series ? Long.MAX_VALUE : perSeries * series;
        if (total > maxBuckets) {
            throw new InvalidInputException(what + " with gap filling by " + interval.label() + " would return "
                    + count(total) + " buckets (" + count(series) + " series of " + count(perSeries)
                    + " buckets from " + range.from() + " to " + range.to() + "), over the cap of " + count(maxBuckets)
                    + " (" + setting + "); give a coarser interval or a shorter range");
        }
    }

    /**
     * @return the query with a row limit one above the cap, so that {@link #counting} sees when it is exceeded. The
     *         limit is written as a number, not bound: PostgreSQL plans a generic plan for an unknown LIMIT as if it
     *         returned a tenth of the rows and picks a fast-start plan (a backward scan of the time index that reads
     *         every metric of the range), which took the store's 1-minute averages twice as long as its SQL without
     *         the limit (BENCHMARKS.md). The cap comes from the configuration, never from a query.
     */
    public SqlBuilder limited(SqlBuilder sql) {
        return sql.sql(" LIMIT " + (maxBuckets + 1));
    }

    /**
     * @return a mapper that refuses the read, naming the cap, when the query returns more rows than the cap
     */
    public <T> RowMappers.RowMapper<T> counting(String what, Interval interval, RowMappers.RowMapper<T> mapper) {
        long[] rows = {0};
        return row -> {
            if (++rows[0] > maxBuckets) {
                throw new InvalidInputException(what + " by " + interval.label() + " returns more than "
                        + count(maxBuckets) + " buckets, over the cap of " + count(maxBuckets) + " (" + setting
                        + "); give a coarser interval or a shorter range");
            }
            return mapper.map(row);
        };
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
