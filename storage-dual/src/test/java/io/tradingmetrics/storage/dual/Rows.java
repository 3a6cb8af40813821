package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test rows with distinct timestamps. */
final class Rows {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private Rows() {}

    static List<MetricPoint> points(int first, int count) {
        List<MetricPoint> points = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            points.add(MetricPoint.of(T0.plusMillis(i), "price", i * 0.5, "ETH-USD", Map.of("venue", "v" + i % 3)));
        }
        return points;
    }

    static Candle candle(int minute, double close) {
        return new Candle(T0.plusSeconds(60L * minute), "ETH-USD", 10, Math.max(20, close), 1, close, Math.abs(minute));
    }

    static PerformanceSnapshot snapshot(int minute, double value) {
        return PerformanceSnapshot.of(T0.plusSeconds(60L * minute), value, 1.5, 0.9, -0.1, 0.6, minute);
    }
}
