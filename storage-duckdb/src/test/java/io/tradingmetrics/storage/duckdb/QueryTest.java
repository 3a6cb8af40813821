package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each metric query kind on small hand-checked data. 2026-11-23 is a Monday. */
class QueryTest {
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    static final TimeRange FOUR_MINUTES = TimeRange.of(T, T.plusSeconds(240));

    DuckDbMetricsStore store;

    @BeforeEach
    void open() {
        store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(":memory:"));
        store.insertMetrics(List.of(
                MetricPoint.of(T, "price", 100, "BTC", Map.of("venue", "binance")),
                MetricPoint.of(T.plusSeconds(30), "price", 110, "BTC", Map.of("venue", "binance", "side", "buy")),
                MetricPoint.of(T.plusSeconds(70), "price", 90, "BTC", Map.of("venue", "kraken")),
                MetricPoint.of(T.plusSeconds(180), "price", 120, "BTC", Map.of("venue", "binance")),
                MetricPoint.of(T.plusSeconds(15), "price", 10, "ETH"),
                MetricPoint.of(T.plusSeconds(120), "price", 20, "ETH"),
                MetricPoint.of(T.plusSeconds(5), "price", 1000),
                MetricPoint.of(T.plusSeconds(1), "qty", 1.5, "BTC"),
                MetricPoint.of(T.plusSeconds(31), "qty", 1.0, "BTC"),
                MetricPoint.of(T.plusSeconds(75), "qty", 0.49, "BTC"),
                MetricPoint.of(T.plusSeconds(300), "price", 999, "BTC")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void rawQueryReturnsNewestFirstWithinRangeSymbolLabelsAndLimit() {
        assertThat(store.queryMetrics(MetricQuery.of("price", FOUR_MINUTES).withSymbol("BTC")))
                .extracting(MetricPoint::value).containsExactly(120.0, 90.0, 110.0, 100.0);
        assertThat(store.queryMetrics(MetricQuery.of("price", FOUR_MINUTES).withLabels(Map.of("venue", "binance"))))
                .extracting(MetricPoint::value).containsExactly(120.0, 110.0, 100.0);
        assertThat(store.queryMetrics(MetricQuery.of("price", FOUR_MINUTES)
                .withLabels(Map.of("venue", "binance", "side", "buy")))).extracting(MetricPoint::value).containsExactly(110.0);
        assertThat(store.queryMetrics(MetricQuery.of("price", FOUR_MINUTES).withLimit(2)))
                .extracting(MetricPoint::value).containsExactly(120.0, 20.0);
        // The range is half-open: the point at its end is left out.
        assertThat(store.queryMetrics(MetricQuery.of("price", TimeRange.of(T, T.plusSeconds(180))).withSymbol("BTC")))
                .extracting(MetricPoint::value).containsExactly(90.0, 110.0, 100.0);
        assertThat(store.queryMetrics(MetricQuery.of("nope", FOUR_MINUTES))).isEmpty();
    }

    @Test
    void labelFiltersTakeKeysWithQuotesDotsDollarsSlashesAndTildesLiterally() {
        Map<String, String> odd = Map.of("q\"uote", "a", "dot.key", "b", "$.dollar", "c", "it's", "d'", "a/b~c", "e",
                "ünï 😀", "f");
        store.insertMetrics(List.of(MetricPoint.of(T, "odd", 1, "X", odd),
                MetricPoint.of(T, "odd", 2, "X", Map.of("dot", Map.of("key", "b").toString()))));
        for (Map.Entry<String, String> label : odd.entrySet()) {
            assertThat(store.queryMetrics(MetricQuery.of("odd", TimeRange.all()).withLabels(Map.of(label.getKey(),
                    label.getValue())))).as(label.getKey()).extracting(MetricPoint::value).containsExactly(1.0);
        }
        assertThat(store.queryMetrics(MetricQuery.of("odd", TimeRange.all()).withLabels(odd))).hasSize(1);
        assertThat(store.queryMetrics(MetricQuery.of("odd", TimeRange.all()).withLabels(Map.of("dot.key", "x"))))
                .isEmpty();
        assertThat(store.aggregate(AggregationQuery.of("odd", TimeRange.all(), Interval.DAY_1, Aggregation.SUM)
                .withLabels(Map.of("it's", "d'")))).extracting(b -> b.value().getAsDouble()).containsExactly(1.0);
    }

    @Test
    void aggregatesOneSeriesPerMinute() {
        assertThat(values(Aggregation.AVG)).containsExactly(305.0, 90.0, 20.0, 120.0);
        assertThat(values(Aggregation.SUM)).containsExactly(1220.0, 90.0, 20.0, 120.0);
        assertThat(values(Aggregation.MIN)).containsExactly(10.0, 90.0, 20.0, 120.0);
        assertThat(values(Aggregation.MAX)).containsExactly(1000.0, 90.0, 20.0, 120.0);
        assertThat(values(Aggregation.COUNT)).containsExactly(4.0, 1.0, 1.0, 1.0);
        assertThat(values(Aggregation.FIRST)).containsExactly(100.0, 90.0, 20.0, 120.0);
        assertThat(values(Aggregation.LAST)).containsExactly(110.0, 90.0, 20.0, 120.0);
        assertThat(values(Aggregation.P50)).containsExactly(105.0, 90.0, 20.0, 120.0);
        assertThat(values(Aggregation.P95).get(0)).isCloseTo(110 + 0.85 * 890, within(1e-9));
        double mean = 305;
        double variance = (Math.pow(100 - mean, 2) + Math.pow(110 - mean, 2) + Math.pow(10 - mean, 2)
                + Math.pow(1000 - mean, 2)) / 3;
        List<AggregatedBucket> stddev = store.aggregate(AggregationQuery.of("price", FOUR_MINUTES, Interval.MINUTE_1,
                Aggregation.STDDEV));
        assertThat(stddev.get(0).value().getAsDouble()).isCloseTo(Math.sqrt(variance), within(1e-9));
        assertThat(stddev.get(1).value()).isEmpty(); // one point has no sample deviation
        assertThat(stddev).extracting(AggregatedBucket::bucketStart).containsExactly(T, T.plusSeconds(60),
                T.plusSeconds(120), T.plusSeconds(180));
        assertThat(stddev).extracting(AggregatedBucket::sampleCount).containsExactly(4L, 1L, 1L, 1L);
        assertThat(stddev).allSatisfy(b -> assertThat(b.symbol()).isEmpty());
    }

    private List<Double> values(Aggregation aggregation) {
        return store.aggregate(AggregationQuery.of("price", FOUR_MINUTES, Interval.MINUTE_1, aggregation)).stream()
                .map(b -> b.value().getAsDouble()).toList();
    }

    @Test
    void groupsBySymbolWithPointsWithoutSymbolFirst() {
        List<AggregatedBucket> buckets = store.aggregate(AggregationQuery.of("price", FOUR_MINUTES, Interval.MINUTE_1,
                Aggregation.AVG).groupedBySymbol());
        assertThat(buckets).containsExactly(
                new AggregatedBucket(T, Optional.empty(), OptionalDouble.of(1000), 1),
                new AggregatedBucket(T, Optional.of("BTC"), OptionalDouble.of(105), 2),
                new AggregatedBucket(T.plusSeconds(60), Optional.of("BTC"), OptionalDouble.of(90), 1),
                new AggregatedBucket(T.plusSeconds(180), Optional.of("BTC"), OptionalDouble.of(120), 1),
                new AggregatedBucket(T, Optional.of("ETH"), OptionalDouble.of(10), 1),
                new AggregatedBucket(T.plusSeconds(120), Optional.of("ETH"), OptionalDouble.of(20), 1));
    }

    @Test
    void fillsGapsAsAsked() {
        AggregationQuery btc = AggregationQuery.of("price", FOUR_MINUTES, Interval.MINUTE_1, Aggregation.AVG)
                .withSymbol("BTC");
        assertThat(store.aggregate(btc.withGapFill(GapFill.NULL))).extracting(AggregatedBucket::value)
                .containsExactly(OptionalDouble.of(105), OptionalDouble.of(90), OptionalDouble.empty(), OptionalDouble.of(120));
        assertThat(store.aggregate(btc.withGapFill(GapFill.PREVIOUS))).extracting(AggregatedBucket::value)
                .containsExactly(OptionalDouble.of(105), OptionalDouble.of(90), OptionalDouble.of(90), OptionalDouble.of(120));
        assertThat(store.aggregate(btc.withGapFill(GapFill.LINEAR))).extracting(AggregatedBucket::value)
                .containsExactly(OptionalDouble.of(105), OptionalDouble.of(90), OptionalDouble.of(105), OptionalDouble.of(120));
        assertThat(store.aggregate(btc.withGapFill(GapFill.NULL))).extracting(AggregatedBucket::sampleCount)
                .containsExactly(2L, 1L, 0L, 1L);
    }

    @Test
    void weekBucketsStartOnMondayAndMonthBucketsOnTheFirst() {
        try (DuckDbMetricsStore calendar = DuckDbMetricsStore.open(DuckDbStoreConfig.of(":memory:"))) {
            calendar.insertMetrics(List.of(
                    MetricPoint.of(Instant.parse("2026-11-25T12:00:00Z"), "w", 1), // Wednesday
                    MetricPoint.of(Instant.parse("2026-11-29T23:59:59.999999Z"), "w", 2), // Sunday
                    MetricPoint.of(Instant.parse("2026-11-30T00:00:00Z"), "w", 4), // Monday
                    MetricPoint.of(Instant.parse("2026-01-31T23:59:59.999999Z"), "mo", 1),
                    MetricPoint.of(Instant.parse("2026-02-01T00:00:00Z"), "mo", 2),
                    MetricPoint.of(Instant.parse("2026-02-28T23:00:00Z"), "mo", 4)));
            assertThat(calendar.aggregate(AggregationQuery.of("w", TimeRange.all(), Interval.WEEK_1, Aggregation.SUM)))
                    .containsExactly(
                            new AggregatedBucket(Instant.parse("2026-11-23T00:00:00Z"), Optional.empty(), OptionalDouble.of(3), 2),
                            new AggregatedBucket(Instant.parse("2026-11-30T00:00:00Z"), Optional.empty(), OptionalDouble.of(4), 1));
            assertThat(calendar.aggregate(AggregationQuery.of("mo", TimeRange.all(), Interval.MONTH_1, Aggregation.SUM)))
                    .containsExactly(
                            new AggregatedBucket(Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), OptionalDouble.of(1), 1),
                            new AggregatedBucket(Instant.parse("2026-02-01T00:00:00Z"), Optional.empty(), OptionalDouble.of(6), 2));
        }
    }

    @Test
    void latestGivesTheNewestPointOfEachSeriesOrderedByNameThenSymbol() {
        assertThat(store.latest(LatestQuery.all())).containsExactly(
                MetricPoint.of(T.plusSeconds(5), "price", 1000),
                MetricPoint.of(T.plusSeconds(300), "price", 999, "BTC"),
                MetricPoint.of(T.plusSeconds(120), "price", 20, "ETH"),
                MetricPoint.of(T.plusSeconds(75), "qty", 0.49, "BTC"));
        assertThat(store.latest(LatestQuery.of("qty", "nope"))).extracting(MetricPoint::value).containsExactly(0.49);
        assertThat(store.latest(LatestQuery.of("price").withSymbol("ETH"))).extracting(MetricPoint::value)
                .containsExactly(20.0);
    }

    @Test
    void latestTakesValueAndLabelsFromTheSameRowWhenTimestampsTie() {
        Instant tie = T.plusSeconds(3600);
        store.insertMetrics(List.of(
                MetricPoint.of(tie, "tied", 1, "X", Map.of("row", "one")),
                MetricPoint.of(tie, "tied", 2, "X", Map.of("row", "two"))));
        MetricPoint latest = store.latest(LatestQuery.of("tied")).get(0);
        assertThat(latest).isIn(MetricPoint.of(tie, "tied", 1, "X", Map.of("row", "one")),
                MetricPoint.of(tie, "tied", 2, "X", Map.of("row", "two")));
    }

    @Test
    void buildsCandlesFromMetricsWithVolumesRoundedHalfAwayFromZero() {
        MetricCandleQuery query = MetricCandleQuery.of("price", FOUR_MINUTES, Interval.MINUTE_1);
        assertThat(store.candlesFromMetrics(query.withVolumeMetric("qty"))).containsExactly(
                new Candle(T, "BTC", 100, 110, 100, 110, 3), // 1.5 + 1.0 = 2.5 rounds to 3
                new Candle(T, "ETH", 10, 10, 10, 10, 0),
                new Candle(T.plusSeconds(60), "BTC", 90, 90, 90, 90, 0), // 0.49 rounds to 0
                new Candle(T.plusSeconds(120), "ETH", 20, 20, 20, 20, 0),
                new Candle(T.plusSeconds(180), "BTC", 120, 120, 120, 120, 0));
        // Without a volume metric, the volume is the number of price points.
        assertThat(store.candlesFromMetrics(query.withSymbol("BTC"))).containsExactly(
                new Candle(T, "BTC", 100, 110, 100, 110, 2),
                new Candle(T.plusSeconds(60), "BTC", 90, 90, 90, 90, 1),
                new Candle(T.plusSeconds(180), "BTC", 120, 120, 120, 120, 1));
    }

    @Test
    void rollsCandlesUp() {
        Instant h = Instant.parse("2026-11-23T10:00:00Z");
        store.upsertCandles(List.of(
                new Candle(h, "BTC", 10, 12, 9, 11, 5),
                new Candle(h.plusSeconds(60), "BTC", 11, 15, 10, 14, 7),
                new Candle(h.plusSeconds(240), "BTC", 14, 14, 8, 9, 1),
                new Candle(h.plusSeconds(300), "BTC", 9, 10, 9, 10, 2),
                new Candle(h, "ETH", 1, 2, 1, 2, 3)));
        assertThat(store.rollUpCandles(CandleQuery.of(TimeRange.all()), Interval.MINUTE_5)).containsExactly(
                new Candle(h, "BTC", 10, 15, 8, 9, 13),
                new Candle(h, "ETH", 1, 2, 1, 2, 3),
                new Candle(h.plusSeconds(300), "BTC", 9, 10, 9, 10, 2));
        assertThat(store.rollUpCandles(CandleQuery.of(TimeRange.all(), "ETH"), Interval.HOUR_1))
                .containsExactly(new Candle(h, "ETH", 1, 2, 1, 2, 3));
        assertThat(store.candles(CandleQuery.of(TimeRange.of(h, h.plusSeconds(241)), "BTC"))).hasSize(3);
    }
}
