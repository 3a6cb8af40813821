package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DuckDbStoreBasicsTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path folder;

    @Test
    void createsTheFileAndItsFoldersMigratesAndKeepsDataAcrossReopen() {
        Path file = folder.resolve("nested/deeper/metrics.duckdb");
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            assertThat(store.backendName()).isEqualTo("duckdb");
            SchemaInfo schema = store.schemaInfo();
            assertThat(schema.currentVersion()).isEqualTo("7");
            assertThat(schema.isUpToDate()).isTrue();
            assertThat(schema.history()).hasSize(7);

            assertThat(store.insertMetrics(List.of(
                    MetricPoint.of(T0, "price", 101.5, "BTC", Map.of("venue", "binance")),
                    MetricPoint.of(T0.plusSeconds(1), "price", 102.5, "BTC"),
                    MetricPoint.of(T0.plusSeconds(2), "latency_ms", 3.0)))).isEqualTo(3);
            store.upsertCandle(new Candle(T0, "BTC", 1, 3, 0.5, 2, 10));
            store.upsertPerformance(PerformanceSnapshot.of(T0, 1000, 5, 1.2, -0.1, 0.6, 4));
        }
        assertThat(Files.exists(file)).isTrue();
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            List<MetricPoint> prices = store.queryMetrics(MetricQuery.of("price", TimeRange.all()));
            assertThat(prices).containsExactly(
                    MetricPoint.of(T0.plusSeconds(1), "price", 102.5, "BTC"),
                    MetricPoint.of(T0, "price", 101.5, "BTC", Map.of("venue", "binance")));
            assertThat(store.candles(CandleQuery.of(TimeRange.all())))
                    .containsExactly(new Candle(T0, "BTC", 1, 3, 0.5, 2, 10));
            assertThat(store.performanceHistory(TimeRange.all()))
                    .containsExactly(PerformanceSnapshot.of(T0, 1000, 5, 1.2, -0.1, 0.6, 4));
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(3);
            StoreHealth health = store.health();
            assertThat(health.healthy()).isTrue();
            assertThat(health.message()).contains(file.getFileName().toString());
            assertThat(health.details().get("engine")).startsWith("DuckDB v");
        }
    }

    @Test
    void inMemoryStoresAreIndependent() {
        try (DuckDbMetricsStore first = DuckDbMetricsStore.open(DuckDbStoreConfig.of(":memory:"));
             DuckDbMetricsStore second = DuckDbMetricsStore.open(DuckDbStoreConfig.of(":memory:"))) {
            first.insertMetric(MetricPoint.of(T0, "m", 1.0));
            assertThat(first.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
            assertThat(second.count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();
            assertThat(first.stats()).hasSize(3);
        }
    }
}
