package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.jdbc.JdbcMetricsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollup refresh sums up outside the store's write lock, beside the writes of newer points: late points written
 * meanwhile (some into the very buckets it is summing up) and deletes must leave every level exactly as the raw
 * points answer.
 */
class RefreshBesideWritesTest {
    private static final Instant BASE = Instant.parse("2024-03-04T00:00:00Z");
    private static final List<AggregationQuery> QUERIES =
            RawAnswers.bySymbol(List.of(Interval.HOUR_1, Interval.HOUR_4));
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");

    @TempDir
    Path folder;

    @Test
    void latePointsAndDeletesDuringRefreshesLeaveTheRollupsExact() throws Exception {
        Path file = folder.resolve("beside.duckdb");
        AtomicLong unique = new AtomicLong();
        AtomicLong newestSecond = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        List<List<AggregatedBucket>> fromRollups = new ArrayList<>();
        try (MetricsStore store = new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of(
                "path", file.toString(), "rollups.enabled", true, "rollups.levels", List.of("1m", "1h"),
                "rollups.refresh-interval", "10ms", "rollups.refresh-lag", "0s",
                // Both levels refreshed, however sparse: what races the writes here is the refresh of each.
                "rollups.min-points-per-row", 0)))) {
            List<Future<?>> work = new ArrayList<>();
            work.add(threads.submit(() -> {
                // Newer points, a few hours of them per batch: what the refresh sums up next.
                while (running.get()) {
                    List<MetricPoint> batch = new ArrayList<>();
                    long from = newestSecond.get();
                    for (int i = 0; i < 3_000; i++) {
                        batch.add(point(from + i * 5L, unique.incrementAndGet(), i));
                    }
                    store.insertMetrics(batch);
                    newestSecond.set(from + 3_000 * 5L);
                }
                return null;
            }));
            work.add(threads.submit(() -> {
                // Late points anywhere before the newest, most near it: in buckets refreshed or being refreshed.
                Random random = new Random(7);
                while (running.get()) {
                    List<MetricPoint> batch = new ArrayList<>();
                    long newest = Math.max(1, newestSecond.get());
                    for (int i = 0; i < 40; i++) {
                        long back = random.nextBoolean() ? random.nextInt(7_200) : random.nextLong(newest);
                        batch.add(point(Math.max(0, newest - back), unique.incrementAndGet(), random.nextInt(1_000)));
                    }
                    store.insertMetrics(batch);
                }
                return null;
            }));
            work.add(threads.submit(() -> {
                Random random = new Random(11);
                while (running.get()) {
                    Thread.sleep(150);
                    long newest = Math.max(1, newestSecond.get());
                    Instant from = BASE.plusSeconds(random.nextLong(newest));
                    store.deleteRange(StoreTable.TRADING_METRICS, TimeRange.of(from, from.plusSeconds(600)));
                }
                return null;
            }));
            Thread.sleep(4_000);
            assertThat(((JdbcMetricsStore) store).rollupWatermarks().get(Interval.HOUR_1))
                    .as("the background refreshes moved the watermark while the writers wrote")
                    .isAfter(BASE.plusSeconds(3_600));
            running.set(false);
            for (Future<?> task : work) {
                task.get();
            }
            store.optimize();

            for (AggregationQuery query : QUERIES) {
                fromRollups.add(store.aggregate(query));
            }
        } finally {
            running.set(false);
            threads.shutdownNow();
        }
        RawAnswers.assertSameAsRaw(file, QUERIES, fromRollups);
    }

    /** A point of a unique instant (so that first and last are unique), its value an integer (exact sums). */
    private static MetricPoint point(long second, long uniqueMicros, int value) {
        Instant at = BASE.plusSeconds(second).plusNanos(uniqueMicros % 1_000_000 * 1_000);
        return MetricPoint.of(at, "price", value, SYMBOLS.get((int) (uniqueMicros % SYMBOLS.size())));
    }
}
