package io.tradingmetrics.micrometer;

import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.duckdb.DuckDbMetricsStoreFactory;
import io.tradingmetrics.writer.MetricsWriter;
import io.tradingmetrics.writer.WriterSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The framework's own meters")
class InstrumentationTest {
    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    @TempDir
    Path folder;

    private MetricsStore duckDb() {
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(
                Map.of("path", folder.resolve("instrumented.duckdb").toString())));
    }

    @Test
    @DisplayName("every store call is timed by operation and outcome; errors are counted by exception")
    void storeCallsAreTimed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MetricsStore store = new InstrumentedMetricsStore(duckDb(), registry)) {
            store.insertMetrics(List.of(MetricPoint.of(T0, "price", 1, "BTC-USD")));
            store.insertMetrics(List.of(MetricPoint.of(T0, "price", 2, "BTC-USD")));
            assertThat(store.count(io.tradingmetrics.storage.api.StoreTable.TRADING_METRICS, TimeRange.all()))
                    .isEqualTo(2);
            assertThatThrownBy(() -> store.rollUpCandles(io.tradingmetrics.storage.api.CandleQuery.of(TimeRange.all()),
                    io.tradingmetrics.storage.api.Interval.SECOND_1)).isInstanceOf(InvalidInputException.class);

            assertThat(registry.get("metrics.store.calls").tag("operation", "insertMetrics")
                    .tag("outcome", "success").tag("backend", "duckdb").timer().count()).isEqualTo(2);
            assertThat(registry.get("metrics.store.calls").tag("operation", "count").timer().count()).isEqualTo(1);
            assertThat(registry.get("metrics.store.calls").tag("operation", "rollUpCandles").tag("outcome", "error")
                    .timer().count()).isEqualTo(1);
            assertThat(registry.get("metrics.store.errors").tag("operation", "rollUpCandles")
                    .tag("exception", "InvalidInputException").counter().count()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a writer's buffer, rows, batches and drops are meters")
    void writerMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MetricsStore store = duckDb()) {
            MetricsWriter writer = MetricsWriter.create(store, WriterSettings.defaults());
            new WriterMetrics(writer, "main").bindTo(registry);
            for (int i = 0; i < 500; i++) {
                writer.write(MetricPoint.of(T0.plusSeconds(i), "price", i, "BTC-USD"));
            }
            writer.flush();
            assertThat(registry.get("metrics.writer.rows").tag("result", "stored").functionCounter().count())
                    .isEqualTo(500);
            assertThat(registry.get("metrics.writer.rows").tag("result", "accepted").functionCounter().count())
                    .isEqualTo(500);
            assertThat(registry.get("metrics.writer.rows").tag("result", "dropped").functionCounter().count())
                    .isZero();
            assertThat(registry.get("metrics.writer.batches").functionCounter().count()).isPositive();
            assertThat(registry.get("metrics.writer.buffered.rows").tag("writer", "main").gauge().value()).isZero();
            writer.close();
        }
    }
}
