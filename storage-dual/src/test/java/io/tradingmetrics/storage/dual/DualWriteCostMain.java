package io.tradingmetrics.storage.dual;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Measures the cost of dual writing on the caller's thread: the same batches into a DuckDB store alone and into a dual
 * store (DuckDB primary, healthy DuckDB secondary), interleaved batch by batch in one run; then the outbox's replay
 * rate (the secondary held while writing, then released). Prints medians. Not a test: a figure for BENCHMARKS.md.
 *
 * <p>{@code java -cp <test classpath> io.tradingmetrics.storage.dual.DualWriteCostMain [batches] [batch size]}
 */
public final class DualWriteCostMain {
    private DualWriteCostMain() {}

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dir = Files.createTempDirectory("dual-cost");
        List<Long> alone = new ArrayList<>();
        List<Long> dual = new ArrayList<>();
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(dir.resolve("p.duckdb")),
                DualStores.duckdb(dir.resolve("s.duckdb")), dir.resolve("outbox"), "outbox.max-bytes", "8GiB"));
        try (MetricsStore single = new io.tradingmetrics.storage.duckdb.DuckDbMetricsStoreFactory().create(
                ConfigFactory.parseMap(Map.of("path", dir.resolve("alone.duckdb").toString())));
             DualMetricsStore both = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            for (int b = 0; b < batches + 2; b++) {
                List<MetricPoint> batch = batch(b, size);
                long t0 = System.nanoTime();
                single.insertMetrics(batch);
                long t1 = System.nanoTime();
                both.insertMetrics(batch);
                long t2 = System.nanoTime();
                if (b >= 2) { // the first two warm up
                    alone.add(t1 - t0);
                    dual.add(t2 - t1);
                }
                both.awaitCaughtUp(Duration.ofMinutes(5)); // a healthy secondary keeps up between batches
            }
            long a = median(alone);
            long d = median(dual);
            System.out.printf("caller's thread, %d batches of %,d points: DuckDB alone median %.1f ms, dual %.1f ms "
                    + "(+%.1f%%)%n", batches, size, a / 1e6, d / 1e6, 100.0 * (d - a) / a);

            int held = Math.max(4, batches / 2);
            try (SecondaryHold hold = SecondaryHold.acquire(config.outboxDirectory(), "replay rate",
                    Duration.ofSeconds(30))) {
                for (int b = 0; b < held; b++) {
                    both.insertMetrics(batch(1000 + b, size));
                }
            }
            Instant start = Instant.now();
            both.awaitCaughtUp(Duration.ofMinutes(10));
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            System.out.printf("outbox replay: %,d points in %.1f s after the hold was released: %,.0f points/s "
                    + "(including reopening the secondary)%n", (long) held * size, seconds, held * size / seconds);
        }
    }

    private static List<MetricPoint> batch(int b, int size) {
        List<MetricPoint> points = new ArrayList<>(size);
        Instant start = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * b);
        for (int i = 0; i < size; i++) {
            points.add(MetricPoint.of(start.plusMillis(i), "m" + (i % 20), i * 0.25, "S" + (i % 50),
                    Map.of("venue", "v" + (i % 3))));
        }
        return points;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
