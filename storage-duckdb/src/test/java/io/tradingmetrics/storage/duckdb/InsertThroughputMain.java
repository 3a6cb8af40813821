package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints how fast {@link DuckDbMetricsStore#insertMetrics} stores one batch of points into a file (a figure, not a
 * test): {@code java -cp <test classpath> io.tradingmetrics.storage.duckdb.InsertThroughputMain [points] [rounds]}.
 */
public final class InsertThroughputMain {
    private InsertThroughputMain() {}

    public static void main(String[] args) throws Exception {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path folder = Files.createTempDirectory("throughput");
        Path file = folder.resolve("throughput.duckdb");
        String[] symbols = new String[50];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = "SYM" + i;
        }
        Map<String, String> labels = Map.of("venue", "binance", "strategy", "mm");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            for (int round = 0; round < rounds; round++) {
                List<MetricPoint> batch = new ArrayList<>(points);
                long offset = (long) round * points;
                for (int i = 0; i < points; i++) {
                    batch.add(MetricPoint.of(start.plusMillis(offset + i), "metric_" + (i % 20), i * 0.5,
                            symbols[i % symbols.length], labels));
                }
                long began = System.nanoTime();
                store.insertMetrics(batch);
                double seconds = (System.nanoTime() - began) / 1e9;
                System.out.printf("round %d: %,d points in %.3f s = %,.0f points/s%n", round, points, seconds,
                        points / seconds);
            }
            System.out.printf("stored %,d points%n", store.count(StoreTable.TRADING_METRICS, TimeRange.all()));
        } finally {
            try (var files = Files.list(folder)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(folder);
        }
    }
}
