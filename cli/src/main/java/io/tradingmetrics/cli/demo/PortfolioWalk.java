package io.tradingmetrics.cli.demo;

import io.tradingmetrics.storage.api.PerformanceSnapshot;

import java.time.Instant;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The portfolio's value as a random walk with a slight upward drift (about 13 % yearly volatility), and the figures a
 * trading desk reports with it: pnl of the period, the risk system's rolling Sharpe ratio, maximum drawdown so far,
 * win rate so far, trades of the period.
 */
final class PortfolioWalk {
    private static final double START_VALUE = 1_000_000;
    private static final double MEAN_RETURN = 0.000004;
    private static final double RETURN_DEVIATION = 0.0004;
    private static final double TYPICAL_SHARPE = 1.5;

    private boolean started;
    private double value = START_VALUE;
    private double peak = START_VALUE;
    private double worstDrawdown;
    private double sharpe = TYPICAL_SHARPE;
    private long periods;
    private long wins;

    /** @return the snapshot at {@code at}, after one more period of trading (none before the first) */
    PerformanceSnapshot snapshot(Instant at, SplittableRandom random) {
        if (!started) {
            started = true; // the first snapshot records the starting state, with no figures to compute yet
            return new PerformanceSnapshot(at, value, 0, OptionalDouble.empty(), OptionalDouble.of(0),
                    OptionalDouble.empty(), OptionalInt.of(0));
        }
        double pnl = value * (MEAN_RETURN + RETURN_DEVIATION * random.nextGaussian());
        value += pnl;
        periods++;
        if (pnl > 0) {
            wins++;
        }
        peak = Math.max(peak, value);
        worstDrawdown = Math.min(worstDrawdown, value / peak - 1);
        // A rolling Sharpe ratio over months moves slowly: a mean-reverting walk around a typical value. (One
        // computed from a few days of 5-minute returns would be mostly noise.)
        sharpe += 0.002 * (TYPICAL_SHARPE - sharpe) + 0.01 * random.nextGaussian();
        int trades = 5 + random.nextInt(36);
        return new PerformanceSnapshot(at, round(value, 2), round(pnl, 2), OptionalDouble.of(round(sharpe, 4)),
                OptionalDouble.of(round(worstDrawdown, 6)), OptionalDouble.of(round((double) wins / periods, 4)),
                OptionalInt.of(trades));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
