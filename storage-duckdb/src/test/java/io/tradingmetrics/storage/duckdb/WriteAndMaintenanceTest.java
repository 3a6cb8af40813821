package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the compatibility kit leaves open for writes: the kit lets a store refuse a null element with a
 * NullPointerException, this store refuses it with an InvalidInputException that names the element's position.
 */
class WriteAndMaintenanceTest {
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private DuckDbMetricsStore memoryStore() {
        return DuckDbMetricsStore.open(DuckDbStoreConfig.of(":memory:"));
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
}
