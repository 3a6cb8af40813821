package io.tradingmetrics.storage.tck.support;

import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.MetricPoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Computes the buckets of an {@link AggregationQuery} from the points it covers, as the SPI defines them. */
final class ReferenceAggregator {
    private ReferenceAggregator() {}

    static List<ExpectedBucket> aggregate(List<MetricPoint> matching, AggregationQuery query) {
        Map<Optional<String>, Map<Instant, List<MetricPoint>>> series = new TreeMap<>(ReferenceOrder.SYMBOLS);
        for (MetricPoint point : matching) {
            Optional<String> key = query.groupBySymbol() ? point.symbol() : Optional.empty();
            series.computeIfAbsent(key, k -> new TreeMap<>())
                    .computeIfAbsent(query.interval().bucketStart(point.timestamp()), b -> new ArrayList<>())
                    .add(point);
        }
        List<ExpectedBucket> buckets = new ArrayList<>();
        series.forEach((symbol, byStart) -> {
            List<ExpectedBucket> seriesBuckets = new ArrayList<>();
            byStart.forEach((start, points) -> seriesBuckets.add(bucket(start, symbol, points, query.aggregation())));
            buckets.addAll(ReferenceGapFill.fill(seriesBuckets, symbol, query.range(), query.interval(),
                    query.gapFill()));
        });
        return buckets;
    }

    private static ExpectedBucket bucket(Instant start, Optional<String> symbol, List<MetricPoint> points,
                                         Aggregation aggregation) {
        List<Double> values = points.stream().map(MetricPoint::value).toList();
        return new ExpectedBucket(start, symbol, value(aggregation, points, values), points.size(),
                Values.maxMagnitude(values));
    }

    static OptionalDouble value(Aggregation aggregation, List<MetricPoint> points, List<Double> values) {
        Comparator<MetricPoint> byTime = Comparator.comparing(MetricPoint::timestamp);
        return switch (aggregation) {
            case AVG -> OptionalDouble.of(Values.exactMean(values));
            case SUM -> OptionalDouble.of(Values.exactSum(values));
            case MIN -> OptionalDouble.of(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            case MAX -> OptionalDouble.of(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            case COUNT -> OptionalDouble.of(values.size());
            case FIRST -> OptionalDouble.of(points.stream().min(byTime).orElseThrow().value());
            case LAST -> OptionalDouble.of(points.stream().max(byTime).orElseThrow().value());
            case P50, P95, P99 -> OptionalDouble.of(Values.percentileCont(values, aggregation.percentileFraction()));
            case STDDEV -> Values.sampleStddev(values);
        };
    }
}
