package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/** Deterministic rows for the migration tests: ordinary data in bulk, and the values that break copies. */
final class TestRows {
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    private static final String[] NAMES = {"price", "order_latency_ms", "fill_ratio", "position"};
    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};

    private TestRows() {}

    /** The i-th of a series of points, one every 10 ms plus a few microseconds, with varied symbols and labels. */
    static MetricPoint metric(long i) {
        SplittableRandom random = new SplittableRandom(i * 7919 + 17);
        Instant timestamp = START.plusNanos(i * 10_000_000L + random.nextInt(1000) * 1_000L);
        Optional<String> symbol = i % 5 == 0 ? Optional.empty() : Optional.of(SYMBOLS[(int) (i % SYMBOLS.length)]);
        Map<String, String> labels = switch ((int) (i % 3)) {
            case 0 -> Map.of();
            case 1 -> Map.of("venue", "binance");
            default -> Map.of("venue", "kraken", "strategy", "mm-" + (i % 7));
        };
        return new MetricPoint(timestamp, NAMES[(int) (i % NAMES.length)], random.nextDouble() * 1000 - 500, symbol,
                labels);
    }

    static Candle candle(long i) {
        SplittableRandom random = new SplittableRandom(i * 31 + 5);
        double open = 100 + random.nextDouble() * 10;
        double close = 100 + random.nextDouble() * 10;
        return new Candle(START.plusSeconds(60 * (i / SYMBOLS.length)), SYMBOLS[(int) (i % SYMBOLS.length)], open,
                Math.max(open, close) + 1, Math.min(open, close) - 1, close, random.nextLong(1_000_000));
    }

    static PerformanceSnapshot snapshot(long i) {
        return new PerformanceSnapshot(START.plusSeconds(3600 * i), 10_000 + i, i % 2 == 0 ? 12.5 : -3.25,
                i % 4 == 0 ? OptionalDouble.empty() : OptionalDouble.of(1.1 + i), OptionalDouble.of(-0.05 * (i % 5)),
                OptionalDouble.of(0.5), i % 3 == 0 ? OptionalInt.empty() : OptionalInt.of((int) i));
    }

    /** Writes points, candles and snapshots in batches through the store's bulk paths. */
    static void fill(MetricsStore store, long points, long candles, long snapshots) {
        List<MetricPoint> batch = new ArrayList<>();
        for (long i = 0; i < points; i++) {
            batch.add(metric(i));
            if (batch.size() == 50_000) {
                store.insertMetrics(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            store.insertMetrics(batch);
        }
        List<Candle> candleBatch = new ArrayList<>();
        for (long i = 0; i < candles; i++) {
            candleBatch.add(candle(i));
        }
        if (!candleBatch.isEmpty()) {
            store.upsertCandles(candleBatch);
        }
        List<PerformanceSnapshot> snapshotBatch = new ArrayList<>();
        for (long i = 0; i < snapshots; i++) {
            snapshotBatch.add(snapshot(i));
        }
        if (!snapshotBatch.isEmpty()) {
            store.upsertPerformance(snapshotBatch);
        }
    }

    /** Values that copies get wrong: precision, special doubles, absent values, awkward text, extreme instants. */
    static List<MetricPoint> edgeMetrics() {
        Instant t = Instant.parse("2024-03-01T12:34:56.789012Z");
        return List.of(
                new MetricPoint(t, "nan", Double.NaN, Optional.of("BTC"), Map.of()),
                new MetricPoint(t, "inf", Double.POSITIVE_INFINITY, Optional.empty(), Map.of()),
                new MetricPoint(t, "-inf", Double.NEGATIVE_INFINITY, Optional.empty(), Map.of()),
                new MetricPoint(t, "negative zero", -0.0, Optional.empty(), Map.of()),
                new MetricPoint(t, "zero", 0.0, Optional.empty(), Map.of()),
                new MetricPoint(t.plusNanos(1_000), "tiny", Double.MIN_VALUE, Optional.of("ETH"), Map.of()),
                new MetricPoint(t.plusNanos(2_000), "huge", -Double.MAX_VALUE, Optional.of("ETH"), Map.of()),
                new MetricPoint(t.plusNanos(3_000), "0.1+0.2", 0.1 + 0.2, Optional.of("ETH"), Map.of()),
                new MetricPoint(t, "empty symbol", 1, Optional.of(""), Map.of()),
                new MetricPoint(t, "labels", 2, Optional.of("δ-Ω ✓"), Map.of("quote\"comma,", "line\nbreak\r\n",
                        "back\\slash", "tab\tend", "unicode", "日本語 😀", "empty", "", "json", "{\"a\": [1]}")),
                new MetricPoint(Timestamps.MIN, "first instant", 1, Optional.empty(), Map.of("k", "v")),
                new MetricPoint(Instant.parse("1969-12-31T23:59:59.999999Z"), "before epoch", 1, Optional.empty(),
                        Map.of()),
                new MetricPoint(Instant.parse("9999-12-31T23:59:59.999998Z"), "last instant", 1, Optional.empty(),
                        Map.of()),
                // Two identical points: a point table keeps duplicates, and so must the copy.
                new MetricPoint(t.plusSeconds(1), "duplicate", 7, Optional.of("BTC"), Map.of("a", "1")),
                new MetricPoint(t.plusSeconds(1), "duplicate", 7, Optional.of("BTC"), Map.of("a", "1")));
    }

    static List<Candle> edgeCandles() {
        Instant t = Instant.parse("2024-03-01T12:00:00.000001Z");
        return List.of(
                new Candle(t, "BTC", Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0),
                new Candle(t, "ETH", 1.1, 2.2, 0.5, 1.7, Long.MAX_VALUE),
                new Candle(Timestamps.MIN, "OLD", 1, 1, 1, 1, 1));
    }

    static List<PerformanceSnapshot> edgeSnapshots() {
        Instant t = Instant.parse("2024-03-01T12:00:00.999999Z");
        return List.of(
                new PerformanceSnapshot(t, -0.0, Double.NaN, OptionalDouble.empty(), OptionalDouble.of(Double.NaN),
                        OptionalDouble.of(-0.0), OptionalInt.of(0)),
                new PerformanceSnapshot(t.plusNanos(1_000), 1e308, Double.NEGATIVE_INFINITY,
                        OptionalDouble.of(Double.POSITIVE_INFINITY), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalInt.of(Integer.MAX_VALUE)),
                new PerformanceSnapshot(Timestamps.MIN, 1, 1, OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalInt.empty()));
    }

    static void fillEdges(MetricsStore store) {
        store.insertMetrics(edgeMetrics());
        store.upsertCandles(edgeCandles());
        store.upsertPerformance(edgeSnapshots());
    }

    /** @return the count and checksum of a table, computed here from the store's stream */
    static Digest digest(MetricsStore store, StoreTable table) {
        return digest(TableRows.of(table), RowSource.of("store", store), TimeRange.all());
    }

    private static <T> Digest digest(TableRows<T> rows, RowSource source, TimeRange range) {
        long[] sum = new long[2];
        try (var stream = rows.stream(source, range)) {
            stream.forEach(row -> {
                sum[0]++;
                sum[1] += rows.hash(row);
            });
        }
        return new Digest(sum[0], sum[1]);
    }
}
