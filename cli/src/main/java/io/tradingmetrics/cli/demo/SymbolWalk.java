package io.tradingmetrics.cli.demo;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One symbol's market: a geometric random walk of its price, the volume traded along it, and the 1-minute candle
 * being built from it. The price points and the candles come from the same walk, so candles built from the points
 * agree with the stored ones.
 */
final class SymbolWalk {
    private static final double SECONDS_PER_YEAR = 365.25 * 24 * 3600;
    private static final List<String> STRATEGIES = List.of("market_making", "momentum", "stat_arb");
    private static final double[] STRATEGY_FILL = {0.93, 0.76, 0.86};
    private static final List<String> SIDES = List.of("buy", "sell");

    private final DemoSymbol symbol;
    private final Optional<String> symbolName;
    private final double stepVolatility;
    private final double stepVolumeScale;
    private final Map<String, String>[] venueLabels;
    private final Map<String, String>[][][] latencyLabels;
    private final Map<String, String>[][] fillLabels;

    private double price;
    private double lastShock;
    private double volumeSinceTick;
    private boolean candleOpen;
    private double open;
    private double high;
    private double low;
    private double candleVolume;

    @SuppressWarnings("unchecked")
    SymbolWalk(DemoSymbol symbol, double walkStepSeconds) {
        this.symbol = symbol;
        this.symbolName = Optional.of(symbol.name());
        this.stepVolatility = symbol.annualVolatility() * Math.sqrt(walkStepSeconds / SECONDS_PER_YEAR);
        this.stepVolumeScale = walkStepSeconds / 5.0;
        this.price = symbol.startPrice();
        int venues = symbol.venues().size();
        venueLabels = new Map[venues];
        latencyLabels = new Map[venues][STRATEGIES.size()][SIDES.size()];
        fillLabels = new Map[STRATEGIES.size()][SIDES.size()];
        for (int v = 0; v < venues; v++) {
            String venue = symbol.venues().get(v);
            venueLabels[v] = Map.of("venue", venue);
            for (int s = 0; s < STRATEGIES.size(); s++) {
                for (int d = 0; d < SIDES.size(); d++) {
                    latencyLabels[v][s][d] = Map.of("venue", venue, "strategy", STRATEGIES.get(s), "side", SIDES.get(d));
                    fillLabels[s][d] = Map.of("strategy", STRATEGIES.get(s), "side", SIDES.get(d));
                }
            }
        }
    }

    /** Moves the price one walk step and adds the step's volume to the open candle. */
    void step(SplittableRandom random) {
        double shock = random.nextGaussian();
        lastShock = shock;
        double move = stepVolatility * shock;
        price *= Math.exp(move - stepVolatility * stepVolatility / 2);
        // More trading when the price moves: volume grows with the size of the move.
        double volume = symbol.baseVolume() * stepVolumeScale * (0.5 + random.nextDouble())
                * (1 + 0.8 * Math.abs(shock));
        volumeSinceTick += volume;
        if (!candleOpen) {
            candleOpen = true;
            open = price;
            high = price;
            low = price;
            candleVolume = 0;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        candleVolume += volume;
    }

    /** @return the candle of the minute that started at {@code minute}, then starts a new one; empty without steps */
    Optional<Candle> closeCandle(Instant minute) {
        if (!candleOpen) {
            return Optional.empty();
        }
        candleOpen = false;
        return Optional.of(new Candle(minute, symbol.name(), round(open), round(high), round(low), round(price),
                Math.round(candleVolume)));
    }

    /**
     * Adds this symbol's points of one tick: price, volume traded since the last tick, spread, one order's latency
     * and one order's fill ratio. Stops when {@code budget} points have been added.
     *
     * @return how many points were added
     */
    int tick(Instant at, SplittableRandom random, List<MetricPoint> out, long budget) {
        int venue = random.nextInt(symbol.venues().size());
        int strategy = random.nextInt(STRATEGIES.size());
        int side = random.nextInt(SIDES.size());
        // Spreads widen when the price jumps.
        double spread = Math.max(0.05, symbol.spreadBps() * Math.exp(0.2 * random.nextGaussian())
                * (1 + 0.5 * Math.abs(lastShock)));
        double latencyMedian = latencyMedianMs(symbol.venues().get(venue));
        double latency = latencyMedian * Math.exp(0.35 * random.nextGaussian())
                * (random.nextDouble() < 0.01 ? 5 + random.nextInt(15) : 1); // rare spikes, as on real venues
        double fill = Math.min(1, Math.max(0, STRATEGY_FILL[strategy] + 0.06 * random.nextGaussian()));
        double volume = volumeSinceTick;
        volumeSinceTick = 0;
        int added = 0;
        added += add(out, budget - added, at, "price", round(price), Map.of());
        added += add(out, budget - added, at, "volume", Math.round(volume * 1000) / 1000.0, venueLabels[venue]);
        added += add(out, budget - added, at, "spread_bps", Math.round(spread * 100) / 100.0, venueLabels[venue]);
        added += add(out, budget - added, at, "order_latency_ms", Math.round(latency * 1000) / 1000.0,
                latencyLabels[venue][strategy][side]);
        added += add(out, budget - added, at, "fill_ratio", Math.round(fill * 10_000) / 10_000.0,
                fillLabels[strategy][side]);
        return added;
    }

    /** How many points {@link #tick} adds when the budget allows. */
    static int pointsPerTick() {
        return 5;
    }

    private int add(List<MetricPoint> out, long budget, Instant at, String metric, double value,
                    Map<String, String> labels) {
        if (budget <= 0) {
            return 0;
        }
        out.add(new MetricPoint(at, metric, value, symbolName, labels));
        return 1;
    }

    private double round(double value) {
        // Prices keep the precision of their tick size: 2 decimals above 100, more below.
        double scale = symbol.startPrice() >= 100 ? 100 : symbol.startPrice() >= 1 ? 10_000 : 1_000_000;
        return Math.round(value * scale) / scale;
    }

    private static double latencyMedianMs(String venue) {
        return switch (venue) {
            case "binance" -> 14;
            case "coinbase" -> 22;
            case "kraken" -> 38;
            case "nasdaq" -> 0.9;
            case "nyse" -> 1.2;
            case "iex" -> 1.6;
            case "lmax" -> 3;
            case "ebs" -> 4;
            default -> 10;
        };
    }
}
