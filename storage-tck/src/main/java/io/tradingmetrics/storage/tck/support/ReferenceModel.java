package io.tradingmetrics.storage.tck.support;

import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An in-memory model of what a store holds, answering every read as the SPI's javadoc defines it. Tests write the
 * same data to the store and to the model and compare the answers, so expected results are computed from the
 * inputs rather than copied from a run.
 *
 * <p>Where the SPI leaves an order open (points sharing a timestamp), the kit's data avoids the ambiguity.
 */
public final class ReferenceModel {
    private final List<MetricPoint> points = new ArrayList<>();
    private final Map<CandleKey, Candle> candles = new LinkedHashMap<>();
    private final TreeMap<Instant, PerformanceSnapshot> snapshots = new TreeMap<>();

    private record CandleKey(Instant timestamp, String symbol) {}

    public void insertMetrics(Collection<MetricPoint> batch) {
        points.addAll(batch);
    }

    public void upsertCandles(Collection<Candle> batch) {
        batch.forEach(candle -> candles.put(new CandleKey(candle.timestamp(), candle.symbol()), candle));
    }

    public void upsertPerformance(Collection<PerformanceSnapshot> batch) {
        batch.forEach(snapshot -> snapshots.put(snapshot.timestamp(), snapshot));
    }

    public List<MetricPoint> points() {
        return List.copyOf(points);
    }

    /** Newest first, at most the limit. */
    public List<MetricPoint> queryMetrics(MetricQuery query) {
        return points.stream()
                .filter(metricFilter(query.metricName(), query.range(), query.symbol(), query.labels()))
                .sorted(Comparator.comparing(MetricPoint::timestamp).reversed())
                .limit(query.limit())
                .toList();
    }

    public List<ExpectedBucket> aggregate(AggregationQuery query) {
        List<MetricPoint> matching = points.stream()
                .filter(metricFilter(query.metricName(), query.range(), query.symbol(), query.labels()))
                .toList();
        return ReferenceAggregator.aggregate(matching, query);
    }

    /** The newest point per (metric, symbol), ordered by metric then symbol (points without symbol first). */
    public List<MetricPoint> latest(LatestQuery query) {
        Map<String, Map<Optional<String>, MetricPoint>> newest = new TreeMap<>();
        for (MetricPoint point : points) {
            if (!query.metricNames().isEmpty() && !query.metricNames().contains(point.metricName())) {
                continue;
            }
            if (query.symbol().isPresent() && !query.symbol().equals(point.symbol())) {
                continue;
            }
            newest.computeIfAbsent(point.metricName(), m -> new TreeMap<>(ReferenceOrder.SYMBOLS))
                    .merge(point.symbol(), point,
                            (a, b) -> b.timestamp().isAfter(a.timestamp()) ? b : a);
        }
        return newest.values().stream().flatMap(bySymbol -> bySymbol.values().stream()).toList();
    }

    public List<Candle> candles(CandleQuery query) {
        return candles.values().stream()
                .filter(c -> query.range().contains(c.timestamp()))
                .filter(c -> query.symbol().map(c.symbol()::equals).orElse(true))
                .sorted(ReferenceCandles.BY_TIME_THEN_SYMBOL)
                .toList();
    }

    public List<Candle> rollUpCandles(CandleQuery query, Interval interval) {
        return ReferenceCandles.rollUp(candles(query), interval);
    }

    public List<Candle> candlesFromMetrics(MetricCandleQuery query) {
        List<MetricPoint> prices = pointsWithSymbol(query.priceMetric(), query);
        List<MetricPoint> volumes = query.volumeMetric().map(v -> pointsWithSymbol(v, query)).orElse(List.of());
        return ReferenceCandles.fromMetrics(prices, volumes, query);
    }

    private List<MetricPoint> pointsWithSymbol(String metric, MetricCandleQuery query) {
        return points.stream()
                .filter(metricFilter(metric, query.range(), query.symbol(), Map.of()))
                .filter(p -> p.symbol().isPresent())
                .toList();
    }

    /** Oldest first. */
    public List<PerformanceSnapshot> performanceHistory(TimeRange range) {
        return snapshots.values().stream().filter(s -> range.contains(s.timestamp())).toList();
    }

    public Optional<PerformanceSummary> performanceSummary(TimeRange range) {
        return ReferencePerformance.summary(performanceHistory(range));
    }

    /** Every stored point in the range, oldest first (the kit's data has no two points at one instant). */
    public List<MetricPoint> streamMetrics(TimeRange range) {
        return points.stream().filter(p -> range.contains(p.timestamp()))
                .sorted(Comparator.comparing(MetricPoint::timestamp)).toList();
    }

    public List<Candle> streamCandles(TimeRange range) {
        return candles(CandleQuery.of(range));
    }

    public long count(StoreTable table, TimeRange range) {
        return timestamps(table).stream().filter(range::contains).count();
    }

    public List<Instant> timestamps(StoreTable table) {
        return switch (table) {
            case TRADING_METRICS -> points.stream().map(MetricPoint::timestamp).toList();
            case CANDLES -> candles.values().stream().map(Candle::timestamp).toList();
            case PERFORMANCE_HISTORY -> List.copyOf(snapshots.keySet());
        };
    }

    /** Removes the rows of the table in the range, as {@code deleteRange} does; returns how many. */
    public long deleteRange(StoreTable table, TimeRange range) {
        long before = timestamps(table).size();
        switch (table) {
            case TRADING_METRICS -> points.removeIf(p -> range.contains(p.timestamp()));
            case CANDLES -> candles.values().removeIf(c -> range.contains(c.timestamp()));
            case PERFORMANCE_HISTORY -> snapshots.keySet().removeIf(range::contains);
        }
        return before - timestamps(table).size();
    }

    private static Predicate<MetricPoint> metricFilter(String metric, TimeRange range, Optional<String> symbol,
                                                       Map<String, String> labels) {
        return p -> p.metricName().equals(metric)
                && range.contains(p.timestamp())
                && symbol.map(s -> p.symbol().equals(Optional.of(s))).orElse(true)
                && labels.entrySet().stream().allMatch(e -> e.getValue().equals(p.labels().get(e.getKey())));
    }
}
