package io.tradingmetrics.storage.tck.support;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A deterministic generator of realistic trading data: the same seed gives the same data on every run and machine.
 * Points get strictly increasing timestamps (no two share an instant, so every order the SPI promises is fully
 * determined), a mix of symbols including points without one, and labels drawn from small sets.
 * Symbols, metric names and label values are plain letters, so every collation orders them alike.
 */
public final class MarketData {
    public static final List<String> SYMBOLS = List.of("AAPL", "BTCUSD", "ETHUSD", "MSFT");
    public static final List<String> METRICS = List.of("latency", "price", "spread");
    public static final List<String> VENUES = List.of("binance", "kraken", "nyse");
    public static final List<String> STRATEGIES = List.of("momentum", "meanrevert");

    private final SplittableRandom random;

    public MarketData(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * @param count how many points
     * @param start the first timestamp
     * @param span the points spread over about this duration from the start
     * @return points in ascending time order, of every metric, a tenth of them without symbol
     */
    public List<MetricPoint> points(int count, Instant start, Duration span) {
        long meanGapMicros = Math.max(1, span.toNanos() / 1_000 / Math.max(1, count));
        long micros = Timestamps.toEpochMicros(start);
        List<MetricPoint> out = new ArrayList<>(count);
        Map<String, Double> lastPrice = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Instant timestamp = Timestamps.fromEpochMicros(micros);
            micros += 1 + random.nextLong(2 * meanGapMicros);
            String metric = METRICS.get(random.nextInt(METRICS.size()));
            Optional<String> symbol = random.nextInt(10) == 0 ? Optional.empty()
                    : Optional.of(SYMBOLS.get(random.nextInt(SYMBOLS.size())));
            Map<String, String> labels = new HashMap<>();
            labels.put("venue", VENUES.get(random.nextInt(VENUES.size())));
            if (random.nextBoolean()) {
                labels.put("strategy", STRATEGIES.get(random.nextInt(STRATEGIES.size())));
            }
            out.add(new MetricPoint(timestamp, metric, value(metric, symbol, lastPrice), symbol, labels));
        }
        return out;
    }

    private double value(String metric, Optional<String> symbol, Map<String, Double> lastPrice) {
        return switch (metric) {
            case "price" -> {
                // A random walk in cents: arbitrary (not exactly representable) doubles around 100.
                double previous = lastPrice.getOrDefault(symbol.orElse(""), 100.0);
                double next = Math.max(1.0, Math.round((previous + random.nextDouble(-2.0, 2.0)) * 100.0) / 100.0);
                lastPrice.put(symbol.orElse(""), next);
                yield next;
            }
            case "latency" -> 1 + random.nextInt(500);
            default -> random.nextDouble(0.0001, 0.05);
        };
    }

    /** A value that doubles represent exactly and whose sums of up to millions stay exact: a multiple of 1/8. */
    public double exactValue() {
        return random.nextInt(-80_000, 80_000) / 8.0;
    }

    /** One candle per symbol every {@code step}, prices a random walk, high and low around open and close. */
    public List<Candle> candles(int perSymbol, Instant start, Duration step) {
        List<Candle> out = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            double price = 50 + random.nextInt(100);
            for (int i = 0; i < perSymbol; i++) {
                double open = price;
                double close = Math.max(1.0, Math.round((open + random.nextDouble(-3.0, 3.0)) * 100.0) / 100.0);
                double high = Math.max(open, close) + random.nextInt(100) / 100.0;
                double low = Math.min(open, close) - random.nextInt(100) / 100.0;
                out.add(new Candle(start.plus(step.multipliedBy(i)), symbol, open, high, low, close,
                        random.nextInt(1_000_000)));
                price = close;
            }
        }
        return out;
    }

    /**
     * Snapshots every {@code step}; the optional figures are each left out now and then so that summaries must
     * skip missing ones.
     */
    public List<PerformanceSnapshot> snapshots(int count, Instant start, Duration step) {
        List<PerformanceSnapshot> out = new ArrayList<>();
        double value = 100_000;
        for (int i = 0; i < count; i++) {
            double pnl = Math.round(random.nextDouble(-1_500, 1_600) * 100.0) / 100.0;
            value += pnl;
            out.add(new PerformanceSnapshot(start.plus(step.multipliedBy(i)), value, pnl,
                    random.nextInt(4) == 0 ? OptionalDouble.empty() : OptionalDouble.of(random.nextDouble(-1, 3)),
                    random.nextInt(4) == 0 ? OptionalDouble.empty() : OptionalDouble.of(-random.nextDouble(0, 0.3)),
                    random.nextInt(4) == 0 ? OptionalDouble.empty() : OptionalDouble.of(random.nextDouble(0.3, 0.7)),
                    random.nextInt(4) == 0 ? OptionalInt.empty() : OptionalInt.of(random.nextInt(200))));
        }
        return out;
    }

    /** A copy in an order unrelated to time, so that a store cannot pass by relying on insertion order. */
    public <T> List<T> shuffled(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, new Random(random.nextLong()));
        return copy;
    }

    public SplittableRandom random() {
        return random;
    }
}
