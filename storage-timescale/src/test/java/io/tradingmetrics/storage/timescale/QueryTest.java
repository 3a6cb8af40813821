package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dialect's SQL gives the SPI's definitions on every server configuration: each aggregation computed here in
 * Java from the same points is what the store returns.
 */
class QueryTest {
    private static final Instant START = Instant.parse("2024-01-29T22:00:00Z");
    private static final List<Optional<String>> SYMBOLS = List.of(Optional.empty(), Optional.of("BTC"),
            Optional.of("ETH"), Optional.of("b-lower"));

    private static List<MetricPoint> points() {
        Random random = new Random(7);
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // Irregular times over ~6 weeks crossing a month end; distinct per symbol so first/last are unique.
            Instant at = START.plusSeconds(i * 1_237L + random.nextInt(600)).plusNanos(random.nextInt(1_000_000) * 1_000L);
            Optional<String> symbol = SYMBOLS.get(i % SYMBOLS.size());
            points.add(new MetricPoint(at, "price", Math.round(random.nextGaussian() * 1e4) / 100.0, symbol,
                    Map.of("venue", i % 3 == 0 ? "binance" : "kraken")));
        }
        return points;
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.class)
    void everyAggregationMatchesItsDefinition(StoreTarget target) throws Exception {
        List<MetricPoint> points = points();
        TimeRange range = TimeRange.of(START.plusSeconds(3_600), START.plusSeconds(3_000 * 1_200L));
        try (TestServer server = target.server(); var store = target.open(server)) {
            store.insertMetrics(points);
            for (Interval interval : List.of(Interval.MINUTE_15, Interval.HOUR_4, Interval.WEEK_1, Interval.MONTH_1)) {
                for (Aggregation aggregation : Aggregation.values()) {
                    AggregationQuery query = AggregationQuery.of("price", range, interval, aggregation)
                            .groupedBySymbol();
                    List<AggregatedBucket> actual = store.aggregate(query);
                    List<AggregatedBucket> expected = expected(points, query);
                    assertThat(actual).as("%s %s", interval, aggregation).hasSameSizeAs(expected);
                    for (int i = 0; i < expected.size(); i++) {
                        AggregatedBucket e = expected.get(i);
                        AggregatedBucket a = actual.get(i);
                        assertThat(a.bucketStart()).as("%s %s #%d", interval, aggregation, i).isEqualTo(e.bucketStart());
                        assertThat(a.symbol()).isEqualTo(e.symbol());
                        assertThat(a.sampleCount()).isEqualTo(e.sampleCount());
                        assertThat(a.value().isPresent()).isEqualTo(e.value().isPresent());
                        if (e.value().isPresent()) {
                            assertThat(a.value().getAsDouble()).as("%s %s %s", interval, aggregation, e)
                                    .isCloseTo(e.value().getAsDouble(), within(1e-9 * Math.max(1, Math.abs(e.value().getAsDouble()))));
                        }
                    }
                }
            }
            // A label filter and a symbol filter narrow the same computation.
            AggregationQuery filtered = AggregationQuery.of("price", range, Interval.DAY_1, Aggregation.COUNT)
                    .withSymbol("BTC").withLabels(Map.of("venue", "binance"));
            List<MetricPoint> subset = points.stream().filter(p -> p.symbol().equals(Optional.of("BTC"))
                    && p.labels().get("venue").equals("binance")).toList();
            assertThat(store.aggregate(filtered)).isEqualTo(expected(subset, filtered));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.class)
    void latestPerSeriesIncludingSeriesWithoutSymbol(StoreTarget target) throws Exception {
        List<MetricPoint> points = new ArrayList<>(points());
        points.add(MetricPoint.of(START, "cpu", 0.5));
        points.add(MetricPoint.of(START.plusSeconds(1), "cpu", 0.7));
        points.add(MetricPoint.of(START, "cpu", 0.9, "host-a"));
        try (TestServer server = target.server(); var store = target.open(server)) {
            store.insertMetrics(points);

            List<MetricPoint> expected = points.stream()
                    .collect(Collectors.groupingBy(p -> p.metricName() + "\0" + p.symbol().orElse("\uFFFF\uFFFF"),
                            TreeMap::new, Collectors.maxBy(Comparator.comparing(MetricPoint::timestamp))))
                    .values().stream().map(Optional::orElseThrow)
                    .sorted(Comparator.comparing(MetricPoint::metricName)
                            .thenComparing(p -> p.symbol().orElse(""), Comparator.naturalOrder()))
                    .toList();
            assertThat(store.latest(LatestQuery.all())).containsExactlyElementsOf(expected);
            assertThat(store.latest(LatestQuery.of("price").withSymbol("ETH")))
                    .containsExactly(expected.stream().filter(p -> p.symbol().equals(Optional.of("ETH"))).findFirst()
                            .orElseThrow());
            assertThat(store.latest(LatestQuery.of("cpu", "nothing")))
                    .containsExactly(MetricPoint.of(START.plusSeconds(1), "cpu", 0.7),
                            MetricPoint.of(START, "cpu", 0.9, "host-a"));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.class)
    void candlesRollUpAndComeFromMetrics(StoreTarget target) throws Exception {
        Instant hour = Instant.parse("2024-03-15T10:00:00Z");
        try (TestServer server = target.server(); var store = target.open(server)) {
            store.upsertCandles(List.of(
                    new Candle(hour, "BTC", 10, 12, 9, 11, 100),
                    new Candle(hour.plusSeconds(3_600), "BTC", 11, 15, 10, 14, 50),
                    new Candle(hour.plusSeconds(7_200), "BTC", 14, 14, 8, 9, 25),
                    new Candle(hour, "ETH", 1, 2, 0.5, 1.5, 7)));
            assertThat(store.rollUpCandles(CandleQuery.of(TimeRange.all()), Interval.HOUR_4)).containsExactly(
                    new Candle(Instant.parse("2024-03-15T08:00:00Z"), "BTC", 10, 15, 9, 14, 150),
                    new Candle(Instant.parse("2024-03-15T08:00:00Z"), "ETH", 1, 2, 0.5, 1.5, 7),
                    new Candle(Instant.parse("2024-03-15T12:00:00Z"), "BTC", 14, 14, 8, 9, 25));

            store.insertMetrics(List.of(MetricPoint.of(hour.plusSeconds(30), "price", 100, "BTC"),
                    MetricPoint.of(hour.plusSeconds(10), "price", 101, "BTC"),
                    MetricPoint.of(hour.plusSeconds(50), "price", 99, "BTC"),
                    MetricPoint.of(hour.plusSeconds(20), "price", 103, "BTC"),
                    MetricPoint.of(hour.plusSeconds(20), "volume", 2.25, "BTC"),
                    MetricPoint.of(hour.plusSeconds(40), "volume", 0.25, "BTC"),
                    MetricPoint.of(hour.plusSeconds(70), "price", 5, "BTC"),
                    MetricPoint.of(hour.plusSeconds(5), "price", 1, "ETH"),
                    MetricPoint.of(hour.plusSeconds(5), "price", 42)));
            MetricCandleQuery query = MetricCandleQuery.of("price", TimeRange.all(), Interval.MINUTE_1);
            assertThat(store.candlesFromMetrics(query.withVolumeMetric("volume"))).containsExactly(
                    new Candle(hour, "BTC", 101, 103, 99, 99, 3),
                    new Candle(hour, "ETH", 1, 1, 1, 1, 0),
                    new Candle(hour.plusSeconds(60), "BTC", 5, 5, 5, 5, 0));
            assertThat(store.candlesFromMetrics(query.withSymbol("BTC"))).containsExactly(
                    new Candle(hour, "BTC", 101, 103, 99, 99, 4),
                    new Candle(hour.plusSeconds(60), "BTC", 5, 5, 5, 5, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.class)
    void performanceSummaryFollowsItsDefinition(StoreTarget target) throws Exception {
        Instant t = Instant.parse("2024-03-15T00:00:00Z");
        try (TestServer server = target.server(); var store = target.open(server)) {
            store.upsertPerformance(List.of(
                    PerformanceSnapshot.of(t.plusSeconds(60), 1_100, 100, 1.0, -0.10, 0.5, 3),
                    new PerformanceSnapshot(t, 1_000, 0, OptionalDouble.empty(), OptionalDouble.of(-0.20),
                            OptionalDouble.empty(), java.util.OptionalInt.empty()),
                    PerformanceSnapshot.of(t.plusSeconds(120), 900, -200, 2.0, -0.05, 0.7, 4)));

            assertThat(store.performanceSummary(TimeRange.all())).contains(new PerformanceSummary(t,
                    t.plusSeconds(120), 3, 1_000, 900, 900, 1_100, -100, OptionalDouble.of(1.5),
                    OptionalDouble.of(-0.20), OptionalDouble.of(0.6), 7, OptionalDouble.of(-10.0)));
            assertThat(store.performanceSummary(TimeRange.of(t.minusSeconds(10), t))).isEmpty();
        }
    }

    /** The SPI's definitions, in Java. */
    static List<AggregatedBucket> expected(List<MetricPoint> points, AggregationQuery query) {
        Map<Optional<String>, Map<Instant, List<MetricPoint>>> groups = new TreeMap<>(
                Comparator.comparing((Optional<String> s) -> s.isPresent()).thenComparing(s -> s.orElse("")));
        for (MetricPoint point : points) {
            if (!point.metricName().equals(query.metricName()) || !query.range().contains(point.timestamp())) {
                continue;
            }
            Optional<String> series = query.groupBySymbol() ? point.symbol() : Optional.empty();
            groups.computeIfAbsent(series, s -> new TreeMap<>())
                    .computeIfAbsent(query.interval().bucketStart(point.timestamp()), b -> new ArrayList<>())
                    .add(point);
        }
        List<AggregatedBucket> buckets = new ArrayList<>();
        groups.forEach((symbol, byBucket) -> byBucket.forEach((start, group) -> buckets.add(
                new AggregatedBucket(start, symbol, aggregate(group, query.aggregation()), group.size()))));
        return buckets;
    }

    private static OptionalDouble aggregate(List<MetricPoint> group, Aggregation aggregation) {
        double[] values = group.stream().mapToDouble(MetricPoint::value).toArray();
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        List<MetricPoint> byTime = group.stream().sorted(Comparator.comparing(MetricPoint::timestamp)).toList();
        return switch (aggregation) {
            case AVG -> OptionalDouble.of(java.util.Arrays.stream(values).sum() / values.length);
            case SUM -> OptionalDouble.of(java.util.Arrays.stream(values).sum());
            case MIN -> OptionalDouble.of(sorted[0]);
            case MAX -> OptionalDouble.of(sorted[sorted.length - 1]);
            case COUNT -> OptionalDouble.of(values.length);
            case FIRST -> OptionalDouble.of(byTime.get(0).value());
            case LAST -> OptionalDouble.of(byTime.get(byTime.size() - 1).value());
            case P50, P95, P99 -> {
                double position = aggregation.percentileFraction() * (sorted.length - 1);
                int lower = (int) Math.floor(position);
                int upper = Math.min(lower + 1, sorted.length - 1);
                yield OptionalDouble.of(sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower));
            }
            case STDDEV -> {
                if (values.length < 2) {
                    yield OptionalDouble.empty();
                }
                double mean = java.util.Arrays.stream(values).sum() / values.length;
                double squares = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
                yield OptionalDouble.of(Math.sqrt(squares / (values.length - 1)));
            }
        };
    }
}
