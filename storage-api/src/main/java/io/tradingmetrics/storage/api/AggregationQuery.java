package io.tradingmetrics.storage.api;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A time-bucketed aggregation of one metric.
 *
 * @param metricName the metric to aggregate
 * @param range the time range; with gap filling, every bucket that holds an instant of it is returned for each
 *              series that has points in it (the first bucket may start before the range)
 * @param interval the bucket width
 * @param aggregation how the values of a bucket are combined
 * @param symbol only points of this symbol, if given
 * @param labels only points whose labels hold every one of these key/value pairs
 * @param groupBySymbol one series per symbol rather than one over all points
 * @param gapFill what to return for buckets without points
 */
public record AggregationQuery(String metricName, TimeRange range, Interval interval, Aggregation aggregation,
                               Optional<String> symbol, Map<String, String> labels, boolean groupBySymbol,
                               GapFill gapFill) {
    public AggregationQuery {
        requireNonNull(metricName, "metricName is null");
        requireNonNull(range, "range is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(aggregation, "aggregation is null");
        requireNonNull(symbol, "symbol is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        requireNonNull(gapFill, "gapFill is null");
    }

    /** One series over all points of the metric, without gap filling. */
    public static AggregationQuery of(String metricName, TimeRange range, Interval interval, Aggregation aggregation) {
        return new AggregationQuery(metricName, range, interval, aggregation, Optional.empty(), Map.of(), false,
                GapFill.NONE);
    }

    public AggregationQuery withSymbol(String newSymbol) {
        return new AggregationQuery(metricName, range, interval, aggregation, Optional.of(newSymbol), labels,
                groupBySymbol, gapFill);
    }

    public AggregationQuery withLabels(Map<String, String> newLabels) {
        return new AggregationQuery(metricName, range, interval, aggregation, symbol, newLabels, groupBySymbol,
                gapFill);
    }

    public AggregationQuery groupedBySymbol() {
        return new AggregationQuery(metricName, range, interval, aggregation, symbol, labels, true, gapFill);
    }

    public AggregationQuery withGapFill(GapFill newGapFill) {
        return new AggregationQuery(metricName, range, interval, aggregation, symbol, labels, groupBySymbol,
                newGapFill);
    }
}
