package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Deterministic synthetic data, as the dashboards' anchors were measured on: 20 metrics x 50 symbols (1,000 series)
 * over 30 days, every series sampled at the same even pace, points in time order. Labels come from a few shared
 * maps, as producers reuse them. Candles (per symbol, evenly spaced) and portfolio snapshots (every 5 minutes)
 * cover the same 30 days.
 */
final class Dataset {
    static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    static final Duration WINDOW = Duration.ofDays(30);
    static final Instant END = START.plus(WINDOW);
    static final int METRICS = 20;
    static final int SYMBOLS = 50;
    static final int SERIES = METRICS * SYMBOLS;

    static final List<String> METRIC_NAMES = List.of("price", "volume", "spread_bps", "order_latency_ms",
            "fill_ratio", "position", "pnl", "exposure", "bid_size", "ask_size", "trade_count", "slippage_bps",
            "queue_depth", "cancel_ratio", "quote_age_ms", "funding_rate", "open_interest", "volatility",
            "drawdown", "inventory");
    static final List<String> SYMBOL_NAMES;
    private static final List<Map<String, String>> LABELS = List.of(
            Map.of("venue", "binance", "strategy", "market_making"),
            Map.of("venue", "kraken", "strategy", "market_making"),
            Map.of("venue", "coinbase", "strategy", "momentum"));
    private static final long CANDLES_MIN = 1_000;
    private static final Duration SNAPSHOT_EVERY = Duration.ofMinutes(5);

    static {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < SYMBOLS; i++) {
            symbols.add(String.format("SYM%02d-USD", i));
        }
        SYMBOL_NAMES = List.copyOf(symbols);
    }

    private final long points;
    private final long slotMicros;

    Dataset(long points) {
        if (points < SERIES) {
            throw new IllegalArgumentException("at least " + SERIES + " points (one per series), not " + points);
        }
        this.points = points;
        long slots = (points + SERIES - 1) / SERIES;
        this.slotMicros = WINDOW.toNanos() / 1_000 / slots;
    }

    long points() {
        return points;
    }

    /** The time the dashboards look back from: the end of the data. */
    static TimeRange lastHours(long hours) {
        return TimeRange.of(END.minus(Duration.ofHours(hours)), END);
    }

    static TimeRange lastDays(long days) {
        return TimeRange.of(END.minus(Duration.ofDays(days)), END);
    }

    /** The i-th point: slot i / 1000 of series i % 1000, spread evenly within the slot, so time only grows. */
    MetricPoint point(long index) {
        long slot = index / SERIES;
        int series = (int) (index % SERIES);
        int metric = series % METRICS;
        int symbol = series / METRICS;
        long micros = Timestamps.toEpochMicros(START) + slot * slotMicros + series * (slotMicros / SERIES);
        double base = (metric + 1) * 10.0 + symbol;
        double value = base + 5 * Math.sin(slot / 40.0 + series) + noise(index);
        return new MetricPoint(Timestamps.fromEpochMicros(micros), METRIC_NAMES.get(metric), value,
                Optional.of(SYMBOL_NAMES.get(symbol)), LABELS.get(metric % LABELS.size()));
    }

    /** Hands the points over in batches of the given size, each a fresh list, oldest first. */
    void forEachBatch(long from, long count, int batchSize, Consumer<List<MetricPoint>> consumer) {
        long end = Math.min(points, from + count);
        for (long start = from; start < end; start += batchSize) {
            int size = (int) Math.min(batchSize, end - start);
            List<MetricPoint> batch = new ArrayList<>(size);
            for (long i = start; i < start + size; i++) {
                batch.add(point(i));
            }
            consumer.accept(batch);
        }
    }

    /** @return how many candles {@link #forEachCandleBatch} hands over: per symbol about one for every 20 points */
    long candleCount() {
        return candlesPerSymbol() * SYMBOLS;
    }

    private long candlesPerSymbol() {
        return Math.max(CANDLES_MIN, points / 20) / SYMBOLS;
    }

    /** Hands the candles over in batches of about the given size, oldest first: per symbol an even series. */
    void forEachCandleBatch(int batchSize, Consumer<List<Candle>> consumer) {
        long perSymbol = candlesPerSymbol();
        long stepMicros = WINDOW.toNanos() / 1_000 / perSymbol;
        List<Candle> batch = new ArrayList<>(batchSize + SYMBOLS);
        for (long i = 0; i < perSymbol; i++) {
            Instant at = Timestamps.fromEpochMicros(Timestamps.toEpochMicros(START) + i * stepMicros);
            for (int s = 0; s < SYMBOLS; s++) {
                double open = 100 + s + 3 * Math.sin(i / 30.0 + s);
                double close = open + noise(i * SYMBOLS + s);
                batch.add(new Candle(at, SYMBOL_NAMES.get(s), open, Math.max(open, close) + 0.5,
                        Math.min(open, close) - 0.5, close, 1_000 + (i * 7 + s) % 500));
            }
            if (batch.size() >= batchSize) {
                consumer.accept(batch);
                batch = new ArrayList<>(batchSize + SYMBOLS);
            }
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }

    /** @return a portfolio snapshot every 5 minutes over the window */
    static List<PerformanceSnapshot> snapshots() {
        long count = WINDOW.dividedBy(SNAPSHOT_EVERY);
        List<PerformanceSnapshot> snapshots = new ArrayList<>((int) count);
        double value = 1_000_000;
        for (long i = 0; i < count; i++) {
            double pnl = 500 * Math.sin(i / 50.0) + noise(i) * 100;
            value += pnl;
            snapshots.add(PerformanceSnapshot.of(START.plus(SNAPSHOT_EVERY.multipliedBy(i)), value, pnl,
                    1.2 + Math.sin(i / 300.0), -0.05 - 0.02 * Math.abs(Math.sin(i / 700.0)), 0.55, (int) (i * 3)));
        }
        return snapshots;
    }

    /** A cheap deterministic value in [-1, 1) from an index (a 64-bit mix, no shared random state). */
    private static double noise(long index) {
        long x = index * 0x9E3779B97F4A7C15L;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        return (x >>> 11) / (double) (1L << 53) * 2 - 1;
    }
}
