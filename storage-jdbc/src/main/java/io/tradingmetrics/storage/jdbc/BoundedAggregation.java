package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * An aggregation held to the bucket cap. With gap filling, a side of the range left open ({@link TimeRange#all()})
 * is taken as the extent of the matching points, so that the filled buckets run from the first point to the last
 * rather than over ten millennia; the buckets to fill are then counted before the query runs (one series) and
 * after it (every series it returned), and refused over the cap. Without gap filling the query's rows are capped.
 */
final class BoundedAggregation {
    private final JdbcExecutor jdbc;
    private final ReadSql reads;
    private final BucketCap cap;
    private final Function<AggregationQuery, SqlBuilder> rowsOf;

    /**
     * @param rowsOf the rows of a query whose range is bounded, unordered: from a rollup where one answers it, else
     *        from the points
     */
    BoundedAggregation(JdbcExecutor jdbc, ReadSql reads, BucketCap cap,
                       Function<AggregationQuery, SqlBuilder> rowsOf) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.reads = requireNonNull(reads, "reads is null");
        this.cap = requireNonNull(cap, "cap is null");
        this.rowsOf = requireNonNull(rowsOf, "rowsOf is null");
    }

    List<AggregatedBucket> aggregate(AggregationQuery query) {
        String what = "the aggregation of metric '" + query.metricName() + "'";
        AggregationQuery bounded = query;
        if (query.gapFill() != GapFill.NONE) {
            Optional<TimeRange> range = filledRange(query);
            if (range.isEmpty()) {
                return List.of();
            }
            bounded = new AggregationQuery(query.metricName(), range.get(), query.interval(), query.aggregation(),
                    query.symbol(), query.labels(), query.groupBySymbol(), query.gapFill());
            cap.checkFilled(what, bounded.interval(), bounded.range(), 1);
        }
        List<AggregatedBucket> buckets = jdbc.list("aggregate metric " + query.metricName(),
                cap.limited(reads.orderedAggregation(rowsOf.apply(bounded), query.groupBySymbol())),
                cap.counting(what, query.interval(), reads.sendsSymbolOnce(query.groupBySymbol()) ? new SymbolOnce() : row
                        -> new AggregatedBucket(JdbcValues.instant(row, 2), JdbcValues.optionalString(row, 1),
                                JdbcValues.optionalDouble(row, 3), row.getLong(4))));
        if (!reads.sortsAggregations(query.groupBySymbol())) {
            buckets = AnswerOrder.sorted(buckets);
        }
        if (query.gapFill() != GapFill.NONE) {
            cap.checkFilled(what, bounded.interval(), bounded.range(),
                    buckets.stream().map(AggregatedBucket::symbol).distinct().count());
        }
        return GapFiller.fill(buckets, bounded.range(), bounded.interval(), bounded.gapFill());
    }

    /** Maps rows with the symbol once per series ({@link ReadSql#orderedAggregation}): it holds until the next. */
    private static final class SymbolOnce implements RowMappers.RowMapper<AggregatedBucket> {
        private Optional<String> symbol = Optional.empty();

        @Override
        public AggregatedBucket map(ResultSet row) throws SQLException {
            if (row.getBoolean(1)) {
                symbol = JdbcValues.optionalString(row, 2);
            }
            return new AggregatedBucket(JdbcValues.instant(row, 3), symbol, JdbcValues.optionalDouble(row, 4),
                    row.getLong(5));
        }
    }

    /** @return the range with its open sides closed on the matching points; empty when no point matches */
    private Optional<TimeRange> filledRange(AggregationQuery query) {
        TimeRange range = query.range();
        boolean openStart = range.from().equals(Timestamps.MIN);
        boolean openEnd = range.to().equals(Timestamps.MAX);
        if (!openStart && !openEnd) {
            return Optional.of(range);
        }
        // One row; both NULL when nothing matches.
        List<List<Optional<Instant>>> bounds = jdbc.list("find the extent of metric " + query.metricName(),
                reads.extent(query), row -> List.of(JdbcValues.optionalInstant(row, 1),
                        JdbcValues.optionalInstant(row, 2)));
        Optional<Instant> first = bounds.get(0).get(0);
        Optional<Instant> last = bounds.get(0).get(1);
        if (first.isEmpty() || last.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TimeRange.of(openStart ? first.get() : range.from(),
                openEnd ? last.get().plusNanos(1_000) : range.to()));
    }
}
