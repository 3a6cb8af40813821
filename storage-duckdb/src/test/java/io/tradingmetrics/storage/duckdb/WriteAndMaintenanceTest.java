package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WriteAndMaintenanceTest {
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path folder;

    private DuckDbMetricsStore memoryStore() {
        return DuckDbMetricsStore.open(DuckDbStoreConfig.of(":memory:"));
    }

    @Test
    void upsertsLetTheLastOccurrenceWinInsideABatchAndAcrossBatches() {
        try (DuckDbMetricsStore store = memoryStore()) {
            assertThat(store.upsertCandles(List.of(
                    new Candle(T, "BTC", 1, 1, 1, 1, 1),
                    new Candle(T, "ETH", 5, 5, 5, 5, 5),
                    new Candle(T, "BTC", 2, 2, 2, 2, 2)))).isEqualTo(2);
            assertThat(store.candles(CandleQuery.of(TimeRange.all()))).containsExactly(
                    new Candle(T, "BTC", 2, 2, 2, 2, 2), new Candle(T, "ETH", 5, 5, 5, 5, 5));
            store.upsertCandle(new Candle(T, "BTC", 3, 3, 3, 3, 3));
            assertThat(store.candles(CandleQuery.of(TimeRange.all(), "BTC")))
                    .containsExactly(new Candle(T, "BTC", 3, 3, 3, 3, 3));

            assertThat(store.upsertPerformance(List.of(
                    PerformanceSnapshot.of(T, 1, 1, 1, 1, 1, 1),
                    PerformanceSnapshot.of(T, 2, 2, 2, 2, 2, 2)))).isEqualTo(1);
            PerformanceSnapshot withoutOptionals = new PerformanceSnapshot(T, 3, 3, OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty());
            store.upsertPerformance(withoutOptionals);
            assertThat(store.performanceHistory(TimeRange.all())).containsExactly(withoutOptionals);
        }
    }

    @Test
    void aBatchWithABadElementStoresNothing() {
        try (DuckDbMetricsStore store = memoryStore()) {
            store.insertMetric(MetricPoint.of(T, "kept", 1));
            List<MetricPoint> points = Arrays.asList(MetricPoint.of(T, "m", 1), null, MetricPoint.of(T, "m", 2));
            assertThatThrownBy(() -> store.insertMetrics(points)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("position 1");
            List<Candle> candles = Arrays.asList(new Candle(T, "A", 1, 1, 1, 1, 1), null);
            assertThatThrownBy(() -> store.upsertCandles(candles)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> store.upsertPerformance(Arrays.asList(PerformanceSnapshot.of(T, 1, 1, 1, 1, 1, 1), null)))
                    .isInstanceOf(InvalidInputException.class);
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
            assertThat(store.count(StoreTable.CANDLES, TimeRange.all())).isZero();
            assertThat(store.count(StoreTable.PERFORMANCE_HISTORY, TimeRange.all())).isZero();
        }
    }

    @Test
    void summarizesPerformance() {
        try (DuckDbMetricsStore store = memoryStore()) {
            assertThat(store.performanceSummary(TimeRange.all())).isEmpty();
            store.upsertPerformance(List.of(
                    PerformanceSnapshot.of(T, 1000, 0, 1.0, -0.1, 0.5, 2),
                    new PerformanceSnapshot(T.plusSeconds(60), 900, -100, OptionalDouble.empty(), OptionalDouble.of(-0.3),
                            OptionalDouble.empty(), OptionalInt.empty()),
                    PerformanceSnapshot.of(T.plusSeconds(120), 1100, 200, 2.0, -0.2, 0.7, 3),
                    PerformanceSnapshot.of(T.plusSeconds(180), 5000, 1, 9, -0.9, 1, 100)));
            PerformanceSummary summary = store.performanceSummary(TimeRange.of(T, T.plusSeconds(180))).orElseThrow();
            assertThat(summary.firstSnapshot()).isEqualTo(T);
            assertThat(summary.lastSnapshot()).isEqualTo(T.plusSeconds(120));
            assertThat(summary.snapshots()).isEqualTo(3);
            assertThat(summary.startValue()).isEqualTo(1000);
            assertThat(summary.endValue()).isEqualTo(1100);
            assertThat(summary.minValue()).isEqualTo(900);
            assertThat(summary.maxValue()).isEqualTo(1100);
            assertThat(summary.totalPnl()).isEqualTo(100);
            assertThat(summary.averageSharpe().getAsDouble()).isCloseTo(1.5, within(1e-12));
            assertThat(summary.worstDrawdown()).isEqualTo(OptionalDouble.of(-0.3));
            assertThat(summary.averageWinRate().getAsDouble()).isCloseTo(0.6, within(1e-12));
            assertThat(summary.totalTrades()).isEqualTo(5);
            assertThat(summary.returnPercent().getAsDouble()).isCloseTo(10.0, within(1e-9));

            store.upsertPerformance(new PerformanceSnapshot(T.plusSeconds(600), 0, 0, OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty()));
            PerformanceSummary fromZero = store.performanceSummary(TimeRange.of(T.plusSeconds(600), T.plusSeconds(601)))
                    .orElseThrow();
            assertThat(fromZero.returnPercent()).isEmpty();
            assertThat(fromZero.averageSharpe()).isEmpty();
            assertThat(fromZero.totalTrades()).isZero();
        }
    }

    @Test
    void statsCountDeleteAndRetention() {
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(folder.resolve("s.duckdb").toString()))) {
            store.insertMetrics(List.of(MetricPoint.of(T, "m", 1), MetricPoint.of(T.plusSeconds(60), "m", 2),
                    MetricPoint.of(T.plusSeconds(120), "m", 3), MetricPoint.of(T.plusSeconds(180), "m", 4)));
            store.upsertCandles(List.of(new Candle(T, "A", 1, 1, 1, 1, 1), new Candle(T.plusSeconds(180), "A", 1, 1, 1, 1, 1)));
            store.optimize();
            List<TableStats> stats = store.stats();
            assertThat(stats).extracting(TableStats::table).containsExactly(StoreTable.values());
            assertThat(stats.get(0).rowCount()).isEqualTo(4);
            assertThat(stats.get(0).minTimestamp()).contains(T);
            assertThat(stats.get(0).maxTimestamp()).contains(T.plusSeconds(180));
            assertThat(stats.get(0).bytesOnDisk().getAsLong()).isPositive();
            assertThat(stats.get(2).rowCount()).isZero();
            assertThat(stats.get(2).minTimestamp()).isEqualTo(Optional.empty());

            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.of(T.plusSeconds(60), T.plusSeconds(180)))).isEqualTo(2);
            assertThat(store.deleteRange(StoreTable.TRADING_METRICS, TimeRange.of(T.plusSeconds(60), T.plusSeconds(180))))
                    .isEqualTo(2);
            assertThat(store.deleteOlderThan(T.plusSeconds(180))).isEqualTo(Map.of(
                    StoreTable.TRADING_METRICS, 1L, StoreTable.CANDLES, 1L, StoreTable.PERFORMANCE_HISTORY, 0L));
            try (Stream<MetricPoint> left = store.streamMetrics(TimeRange.all())) {
                assertThat(left).containsExactly(MetricPoint.of(T.plusSeconds(180), "m", 4));
            }
            store.optimize();
        }
    }

    @Test
    void unknownTableNamesAreRefusedWithTheValidNames() {
        assertThatThrownBy(() -> StoreTable.fromName("metrics; DROP TABLE candles"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("trading_metrics");
    }

    @Test
    void aClosedStoreRefusesWorkAndReportsUnhealthy() {
        DuckDbMetricsStore store = memoryStore();
        store.close();
        store.close();
        assertThat(store.health().healthy()).isFalse();
        assertThatThrownBy(() -> store.insertMetric(MetricPoint.of(T, "m", 1)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("closed");
    }

    @Test
    void aStreamClosedEarlyReleasesItsConnection() {
        try (DuckDbMetricsStore store = memoryStore()) {
            for (int batch = 0; batch < 3; batch++) {
                store.insertMetrics(java.util.stream.IntStream.range(0, 20_000)
                        .mapToObj(i -> MetricPoint.of(T.plusMillis(i), "m", i)).toList());
            }
            for (int i = 0; i < 50; i++) {
                try (Stream<MetricPoint> stream = store.streamMetrics(TimeRange.all())) {
                    assertThat(stream.limit(3)).hasSize(3);
                }
            }
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(60_000);
            try (Stream<MetricPoint> stream = store.streamMetrics(TimeRange.all())) {
                assertThat(stream.count()).isEqualTo(60_000);
            }
        }
    }
}
