package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record type written and read back unchanged, bit for bit, through a real file. */
class RoundTripTest {
    static final double[] EDGE_VALUES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 1e-300, 123456.789012345678};
    static final Instant[] EDGE_INSTANTS = {
            Timestamps.MIN, Instant.parse("1500-03-01T12:34:56.123456Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
            Instant.EPOCH, Instant.parse("1970-01-01T00:00:00.000001Z"), Instant.parse("2026-03-29T01:30:00.5Z"),
            Instant.parse("2026-11-24T10:15:30.123456Z"), Timestamps.MAX.minusNanos(1_000)};

    @TempDir
    Path folder;

    @Test
    void metricPointsKeepEveryValueBitForBitAndStreamOldestFirst() {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < EDGE_INSTANTS.length; i++) {
            for (int j = 0; j < EDGE_VALUES.length; j++) {
                Optional<String> symbol = j % 3 == 0 ? Optional.empty() : Optional.of(j % 3 == 1 ? "BTC/USDT" : "ünï 📈 '\"; DROP TABLE candles; --");
                Map<String, String> labels = switch (j % 4) {
                    case 0 -> Map.of();
                    case 1 -> Map.of("venue", "binance");
                    case 2 -> Map.of("q\"uote", "v\"1", "dot.key", "a.b", "$dollar", "$x", "it's", "'quoted'");
                    default -> Map.of("ünïcødé", "日本語 😀", "back\\slash", "\\", "empty", "");
                };
                points.add(new MetricPoint(EDGE_INSTANTS[i], "metric 'name' \"quoted\" ;--", EDGE_VALUES[j], symbol,
                        labels));
            }
        }
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(folder.resolve("m.duckdb").toString()))) {
            assertThat(store.insertMetrics(points)).isEqualTo(points.size());
            List<MetricPoint> streamed;
            try (Stream<MetricPoint> stream = store.streamMetrics(TimeRange.all())) {
                streamed = stream.toList();
            }
            assertThat(streamed).hasSize(points.size());
            assertThat(streamed).isSortedAccordingTo(Comparator.comparing(MetricPoint::timestamp));
            assertSameMultiset(streamed, points);

            List<MetricPoint> newestFirst = store.queryMetrics(MetricQuery.of("metric 'name' \"quoted\" ;--",
                    TimeRange.all()).withLimit(10_000));
            assertThat(newestFirst).isSortedAccordingTo(Comparator.comparing(MetricPoint::timestamp).reversed());
            assertSameMultiset(newestFirst, points);
        }
    }

    /**
     * Records compare double components with Double.compare, which tells -0.0 from 0.0 and sees NaN equal to NaN:
     * equal records hold the same bits (Java has one NaN bit pattern for the NaN constant used here).
     */
    private static void assertSameMultiset(List<MetricPoint> actual, List<MetricPoint> expected) {
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        long negativeZeros = actual.stream()
                .filter(p -> Double.doubleToRawLongBits(p.value()) == Double.doubleToRawLongBits(-0.0)).count();
        assertThat(negativeZeros).isEqualTo(EDGE_INSTANTS.length);
    }

    @Test
    void nanosecondInputIsTruncatedToTheMicrosecondTowardsThePast() {
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(":memory:"))) {
            store.insertMetric(MetricPoint.of(Instant.parse("1969-12-31T23:59:59.999999999Z"), "m", 1));
            store.insertMetric(MetricPoint.of(Instant.parse("2026-01-01T00:00:00.123456789Z"), "m", 2));
            assertThat(store.queryMetrics(MetricQuery.of("m", TimeRange.all())))
                    .extracting(MetricPoint::timestamp)
                    .containsExactly(Instant.parse("2026-01-01T00:00:00.123456Z"),
                            Instant.parse("1969-12-31T23:59:59.999999Z"));
        }
    }

    @Test
    void candlesAndSnapshotsKeepEdgeValuesAndAbsentOptionals() {
        List<Candle> candles = new ArrayList<>();
        List<PerformanceSnapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < EDGE_INSTANTS.length; i++) {
            double value = EDGE_VALUES[i % EDGE_VALUES.length];
            candles.add(new Candle(EDGE_INSTANTS[i], "SYM 'é\"", value, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, -0.0, i == 0 ? Long.MAX_VALUE : i));
            snapshots.add(i % 2 == 0
                    ? PerformanceSnapshot.of(EDGE_INSTANTS[i], value, -0.0, Double.NaN, -0.12, 0.0, Integer.MAX_VALUE)
                    : new PerformanceSnapshot(EDGE_INSTANTS[i], value, Double.NEGATIVE_INFINITY, OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty()));
        }
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(folder.resolve("c.duckdb").toString()))) {
            assertThat(store.upsertCandles(candles)).isEqualTo(candles.size());
            assertThat(store.upsertPerformance(snapshots)).isEqualTo(snapshots.size());
            assertThat(store.candles(CandleQuery.of(TimeRange.all()))).containsExactlyElementsOf(candles);
            assertThat(store.performanceHistory(TimeRange.all())).containsExactlyElementsOf(snapshots);
            try (Stream<Candle> stream = store.streamCandles(TimeRange.all())) {
                assertThat(stream).containsExactlyElementsOf(candles);
            }
            try (Stream<PerformanceSnapshot> stream = store.streamPerformance(TimeRange.all())) {
                assertThat(stream).containsExactlyElementsOf(snapshots);
            }
        }
    }
}
