package io.tradingmetrics.cli.demo;

import io.tradingmetrics.storage.api.PerformanceSnapshot;

import java.time.Instant;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The portfolio's value as a random walk with a slight upward drift, and the running figures a trading desk
 * reports on it: pnl of the period, annualised Sharpe ratio, maximum drawdown, win rate, trades.
 */
final class PortfolioWalk {
    private static final double START_VALUE = 1_000_000;
    private static final double PERIODS_PER_YEAR = 365.25 * 24 * 60 / DemoSettings.SNAPSHOT_EVERY.toMinutes();

    private boolean started;
    private double value = START_VALUE;
    private double peak = START_VALUE;
    private double worstDrawdown;
    private long periods;
    private long wins;
    // Welford's running mean and variance of the period returns.
    private double meanReturn;
    private double squaredDeviations;

    /** @return the snapshot at {@code at}, after one more period of trading (none before the first) */
    PerformanceSnapshot snapshot(Instant at, SplittableRandom random) {
        if (!started) {
            started = true; // the first snapshot records the starting state, with no figures to compute yet
            return new PerformanceSnapshot(at, value, 0, OptionalDouble.empty(), OptionalDouble.of(0),
                    OptionalDouble.empty(), OptionalInt.of(0));
        }
        double periodReturn = 0.000004 + 0.0012 * random.nextGaussian();
        double pnl = value * periodReturn;
        value += pnl;
        periods++;
        if (pnl > 0) {
            wins++;
        }
        double delta = periodReturn - meanReturn;
        meanReturn += delta / periods;
        squaredDeviations += delta * (periodReturn - meanReturn);
        peak = Math.max(peak, value);
        worstDrawdown = Math.min(worstDrawdown, value / peak - 1);
        OptionalDouble sharpe = periods < 2 ? OptionalDouble.empty()
                : OptionalDouble.of(round(meanReturn / Math.sqrt(squaredDeviations / (periods - 1))
                * Math.sqrt(PERIODS_PER_YEAR), 4));
        int trades = 5 + random.nextInt(36);
        return new PerformanceSnapshot(at, round(value, 2), round(pnl, 2), sharpe, OptionalDouble.of(round(worstDrawdown,
                6)), OptionalDouble.of(round((double) wins / periods, 4)), OptionalInt.of(trades));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
