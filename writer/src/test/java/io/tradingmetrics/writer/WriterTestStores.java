package io.tradingmetrics.writer;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.duckdb.DuckDbMetricsStoreFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Real stores for the writer's tests, and the identity of a point for exactly-once checks. */
final class WriterTestStores {
    static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    private WriterTestStores() {}

    static MetricsStore duckDb(Path file) {
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", file.toString())));
    }

    /** Point number {@code n} of producer {@code producer}: unique by (symbol, value). */
    static MetricPoint point(int producer, int n) {
        return MetricPoint.of(T0.plusMillis(n), "latency_us", n, "P" + producer);
    }

    /** @return how often each (symbol, value) is stored */
    static Map<String, Long> storedCounts(MetricsStore store) {
        try (Stream<MetricPoint> points = store.streamMetrics(TimeRange.all())) {
            return points.collect(Collectors.groupingBy(WriterTestStores::key, HashMap::new, Collectors.counting()));
        }
    }

    static String key(MetricPoint point) {
        return point.symbol().orElse("") + "/" + (long) point.value();
    }

    static List<String> keys(List<?> rows) {
        return rows.stream().map(row -> key((MetricPoint) row)).toList();
    }
}
