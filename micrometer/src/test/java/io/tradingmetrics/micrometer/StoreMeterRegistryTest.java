package io.tradingmetrics.micrometer;

import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.duckdb.DuckDbMetricsStoreFactory;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.tck.postgres.TestSchema;
import io.tradingmetrics.storage.timescale.TimescaleMetricsStoreFactory;
import io.tradingmetrics.writer.MetricsWriter;
import io.tradingmetrics.writer.WriterSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@DisplayName("StoreMeterRegistry publishes every meter type into a store")
class StoreMeterRegistryTest {
    @TempDir
    Path folder;
    private TestSchema schema;

    @AfterEach
    void dropSchema() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }

    private MetricsStore open(String backend) {
        if (backend.equals("duckdb")) {
            return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(
                    Map.of("path", folder.resolve("meters.duckdb").toString())));
        }
        schema = PostgresTestServer.TIMESCALE.newSchema();
        return new TimescaleMetricsStoreFactory().create(ConfigFactory.parseMap(schema.settings()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "timescale"})
    @DisplayName("one step of every meter type: names, labels, symbol and values as stored points")
    void everyMeterType(String backend) {
        MockClock clock = new MockClock();
        try (MetricsStore store = open(backend);
             MetricsWriter writer = MetricsWriter.create(store, WriterSettings.defaults())) {
            StoreMeterRegistry registry = new StoreMeterRegistry(StoreRegistryConfig.DEFAULT, clock, writer);
            Counter orders = Counter.builder("orders.placed").tag("symbol", "BTC-USD").tag("venue", "binance")
                    .register(registry);
            AtomicLong depth = new AtomicLong(7);
            Gauge.builder("queue.depth", depth, AtomicLong::get).register(registry);
            Timer latency = Timer.builder("order.latency").publishPercentiles(0.5, 0.99).register(registry);
            DistributionSummary size = DistributionSummary.builder("order.size").register(registry);
            LongTaskTimer settlement = LongTaskTimer.builder("settlement").register(registry);
            AtomicLong fills = new AtomicLong();
            FunctionCounter.builder("fills", fills, AtomicLong::get).register(registry);
            FunctionTimer.builder("gc.pause", fills, f -> 2, f -> 500, TimeUnit.MILLISECONDS).register(registry);
            TimeGauge.builder("uptime", depth, TimeUnit.SECONDS, d -> 90).register(registry);

            orders.increment();
            orders.increment(2);
            latency.record(Duration.ofMillis(10));
            latency.record(Duration.ofMillis(20));
            latency.record(Duration.ofMillis(30));
            size.record(1);
            size.record(2);
            size.record(3);
            LongTaskTimer.Sample running = settlement.start();
            fills.set(5);
            clock.add(Duration.ofSeconds(61)); // the step is over: its values are what publish() sees
            registry.publish();
            writer.flush();

            Map<String, List<MetricPoint>> byName = stored(store);
            assertThat(single(byName, "orders_placed").value()).isEqualTo(3);
            assertThat(single(byName, "orders_placed").symbol()).contains("BTC-USD");
            assertThat(single(byName, "orders_placed").labels()).isEqualTo(Map.of("venue", "binance"));
            assertThat(single(byName, "queue_depth").value()).isEqualTo(7);
            assertThat(single(byName, "queue_depth").symbol()).isEmpty();
            assertThat(single(byName, "order_latency_count").value()).isEqualTo(3);
            assertThat(single(byName, "order_latency_sum").value()).isCloseTo(0.060, within(1e-9));
            assertThat(single(byName, "order_latency_max").value()).isCloseTo(0.030, within(1e-9));
            assertThat(byName.get("order_latency_percentile")).extracting(p -> p.labels().get("phi"))
                    .containsExactlyInAnyOrder("0.5", "0.99");
            assertThat(single(byName, "order_size_count").value()).isEqualTo(3);
            assertThat(single(byName, "order_size_sum").value()).isEqualTo(6);
            assertThat(single(byName, "order_size_max").value()).isEqualTo(3);
            assertThat(single(byName, "settlement_active_count").value()).isEqualTo(1);
            assertThat(single(byName, "settlement_duration_sum").value()).isCloseTo(61, within(1e-6));
            assertThat(single(byName, "fills").value()).isEqualTo(5);
            assertThat(single(byName, "gc_pause_count").value()).isEqualTo(2);
            assertThat(single(byName, "gc_pause_sum").value()).isCloseTo(0.5, within(1e-9));
            assertThat(single(byName, "uptime").value()).isEqualTo(90);
            assertThat(byName.values().stream().flatMap(List::stream).map(MetricPoint::timestamp).distinct())
                    .containsExactly(Instant.ofEpochMilli(clock.wallTime()));
            running.stop();
            registry.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "timescale"})
    @DisplayName("closing publishes the last, partial step (a short-lived process loses nothing)")
    void closingPublishesTheLastStep(String backend) {
        MockClock clock = new MockClock();
        try (MetricsStore store = open(backend);
             MetricsWriter writer = MetricsWriter.create(store, WriterSettings.defaults())) {
            StoreMeterRegistry registry = new StoreMeterRegistry(StoreRegistryConfig.DEFAULT, clock, writer);
            Counter jobs = registry.counter("batch.jobs", "symbol", "ETH-USD");
            clock.add(Duration.ofSeconds(20));
            jobs.increment(4);
            registry.close();

            assertThat(single(stored(store), "batch_jobs").value()).isEqualTo(4);
        }
    }

    private static Map<String, List<MetricPoint>> stored(MetricsStore store) {
        try (Stream<MetricPoint> points = store.streamMetrics(TimeRange.all())) {
            return points.collect(Collectors.groupingBy(MetricPoint::metricName));
        }
    }

    private static MetricPoint single(Map<String, List<MetricPoint>> byName, String name) {
        assertThat(byName).as("stored metric names").containsKey(name);
        assertThat(byName.get(name)).as(name).hasSize(1);
        return byName.get(name).get(0);
    }

}
