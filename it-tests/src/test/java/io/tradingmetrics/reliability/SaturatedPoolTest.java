package io.tradingmetrics.reliability;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 concurrent dashboard queries on the default pool of 8 with a short wait for a connection: each is either
 * served, with the right result, or refused as a busy pool, never as a server that is down.
 */
class SaturatedPoolTest {
    private static final int QUERIES = 200;

    @Test
    void everyQueryIsServedOrRefusedAsAnExhaustedPool() throws Exception {
        String spec = ReliabilityStores.newTimescaleSpec();
        ExecutorService callers = Executors.newFixedThreadPool(QUERIES);
        try (MetricsStore store = ReliabilityStores.open(spec, "pool-size", 8, "connect-timeout", "500ms")) {
            Instant start = Instant.parse("2024-01-01T00:00:00Z");
            List<MetricPoint> points = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                points.add(MetricPoint.of(start.plusSeconds(i), "latency", i % 100, "S" + (i % 20)));
            }
            store.insertMetrics(points);
            AggregationQuery query = AggregationQuery.of("latency", TimeRange.all(), Interval.HOUR_1, Aggregation.P95)
                    .groupedBySymbol();
            List<AggregatedBucket> expected = store.aggregate(query);

            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Object>> outcomes = new ArrayList<>();
            for (int i = 0; i < QUERIES; i++) {
                outcomes.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        return store.aggregate(query);
                    } catch (RuntimeException e) {
                        return e;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return e;
                    }
                }, callers));
            }
            go.countDown();
            int served = 0;
            for (CompletableFuture<Object> outcome : outcomes) {
                Object result = outcome.get(120, TimeUnit.SECONDS);
                if (result instanceof List<?> buckets) {
                    assertThat(buckets).isEqualTo(expected);
                    served++;
                } else {
                    assertThat(result).isInstanceOf(StoreUnavailableException.class);
                    assertThat(((Exception) result).getMessage())
                            .containsPattern("connection pool exhausted: \\d+ connections busy, waited 500ms; raise"
                                    + " metrics\\.store\\.timescale\\.pool-size \\(8\\) or lower concurrency")
                            .doesNotContain("database is running");
                }
            }
            assertThat(served).as("some queries are served").isPositive();
        } finally {
            callers.shutdownNow();
            ReliabilityStores.drop(spec);
        }
    }
}
