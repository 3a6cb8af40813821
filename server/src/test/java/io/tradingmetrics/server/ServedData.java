package io.tradingmetrics.server;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A small store's worth of data for the HTTP tests, two hours from {@link #T0}: prices and volumes of two symbols
 * (one with labels), a metric without symbol, values JSON cannot carry (NaN, the infinities), microsecond instants,
 * 1-minute candles and 5-minute snapshots (some without their optional figures).
 */
final class ServedData {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant END = T0.plus(Duration.ofHours(2));
    static final List<String> SYMBOLS = List.of("BTC-USD", "ETH-USD");

    private ServedData() {}

    static void write(MetricsStore store) {
        List<MetricPoint> points = new ArrayList<>();
        for (int second = 0; second < 2 * 3600; second += 20) {
            Instant at = T0.plusSeconds(second).plusNanos(123_456_000L);
            for (int s = 0; s < SYMBOLS.size(); s++) {
                String symbol = SYMBOLS.get(s);
                double price = (s == 0 ? 64_000 : 3_400) + Math.sin(second / 300.0) * 50 + second * 0.01;
                Map<String, String> labels = s == 0 ? Map.of("venue", "binance") : Map.of();
                points.add(new MetricPoint(at, "price", price, Optional.of(symbol), labels));
                points.add(MetricPoint.of(at, "volume", 1 + (second % 7), symbol));
            }
            points.add(MetricPoint.of(at, "order_latency_ms", 2 + (second % 11) * 0.5));
        }
        points.add(MetricPoint.of(T0.plusSeconds(30), "weird", Double.NaN, "BTC-USD"));
        points.add(MetricPoint.of(T0.plusSeconds(40), "weird", Double.POSITIVE_INFINITY, "ETH-USD"));
        points.add(MetricPoint.of(T0.plusSeconds(50), "weird", Double.NEGATIVE_INFINITY));
        store.insertMetrics(points);

        List<Candle> candles = new ArrayList<>();
        for (int minute = 0; minute < 120; minute++) {
            for (int s = 0; s < SYMBOLS.size(); s++) {
                double base = (s == 0 ? 64_000 : 3_400) + minute;
                candles.add(new Candle(T0.plus(Duration.ofMinutes(minute)), SYMBOLS.get(s), base, base + 5,
                        base - 3, base + 1, 100 + minute));
            }
        }
        store.upsertCandles(candles);

        List<PerformanceSnapshot> snapshots = new ArrayList<>();
        for (int minute = 0; minute < 120; minute += 5) {
            Instant at = T0.plus(Duration.ofMinutes(minute));
            snapshots.add(minute % 15 == 0
                    ? new PerformanceSnapshot(at, 100_000 + minute * 10, minute - 50, OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty())
                    : PerformanceSnapshot.of(at, 100_000 + minute * 10, minute - 50, 1.2, -0.05, 0.55, minute));
        }
        store.upsertPerformance(snapshots);
    }
}
