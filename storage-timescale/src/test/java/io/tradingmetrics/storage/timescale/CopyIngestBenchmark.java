package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the COPY ingest rate of 1M metric points (20 metrics x 50 symbols, shared labels) in batches of 100k, on
 * each test server, and the time of one latest-per-series read over them. A measurement, not a test: run it by hand
 * with the servers' variables set (see the module's README in the report), nothing is asserted.
 */
public final class CopyIngestBenchmark {
    private CopyIngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batch = 100_000;
        List<List<MetricPoint>> batches = new ArrayList<>();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        Map<String, String> labels = Map.of("venue", "binance", "strategy", "momentum");
        for (int b = 0; b < total / batch; b++) {
            List<MetricPoint> points = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                long n = (long) b * batch + i;
                points.add(MetricPoint.of(start.plusMillis(n * 2_500), "metric_" + (n % 20), n * 0.5,
                        "SYM" + (n / 20 % 50), labels));
            }
            batches.add(points);
        }
        for (StoreTarget target : List.of(StoreTarget.TIMESCALE, StoreTarget.PLAIN_POSTGRES)) {
            try (TestServer server = target.server(); var store = target.open(server)) {
                long began = System.nanoTime();
                for (List<MetricPoint> points : batches) {
                    store.insertMetrics(points);
                }
                double seconds = (System.nanoTime() - began) / 1e9;
                long stored = store.count(StoreTable.TRADING_METRICS, TimeRange.all());
                long latestBegan = System.nanoTime();
                int series = store.latest(LatestQuery.all()).size();
                double latestMillis = (System.nanoTime() - latestBegan) / 1e6;
                System.out.printf("%s: %,d points in %.2f s = %,.0f rows/s (%s); latest of %d series in %.1f ms%n",
                        target, stored, seconds, stored / seconds, store.health().details().get("engine"), series,
                        latestMillis);
            }
        }
    }
}
