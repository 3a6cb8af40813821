package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricPoint;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Child process: a dual store over two DuckDB files, writing batches of points with distinct timestamps as fast as
 * it can and printing {@code ACKED <batches>} after each acknowledged one, until killed (or {@code DONE} after the
 * given number of batches, then it waits to be killed).
 */
public final class DualWriterMain {
    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    private DualWriterMain() {}

    public static void main(String[] args) throws Exception {
        Path primary = Path.of(args[0]);
        Path secondary = Path.of(args[1]);
        Path outbox = Path.of(args[2]);
        int batches = Integer.parseInt(args[3]);
        int batchSize = Integer.parseInt(args[4]);
        DualMetricsStore store = DualStores.open(DualStores.dualBlock(DualStores.duckdb(primary),
                DualStores.duckdb(secondary), outbox));
        System.out.println("OPEN");
        for (int b = 0; b < batches; b++) {
            store.insertMetrics(batch(b, batchSize));
            System.out.println("ACKED " + (b + 1));
            System.out.flush();
        }
        System.out.println("DONE");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait to be killed
        }
    }

    static List<MetricPoint> batch(int b, int batchSize) {
        List<MetricPoint> points = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            long n = (long) b * batchSize + i;
            points.add(MetricPoint.of(START.plusMillis(n), "price", n, "BTC-USD", Map.of("venue", "test")));
        }
        return points;
    }
}
