package io.tradingmetrics.storage.api;

import java.time.Instant;
import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/**
 * The portfolio's performance over a time range, from its snapshots.
 *
 * @param firstSnapshot the timestamp of the earliest snapshot in the range
 * @param lastSnapshot the timestamp of the latest snapshot in the range
 * @param snapshots how many snapshots the range holds
 * @param startValue the portfolio value of the earliest snapshot
 * @param endValue the portfolio value of the latest snapshot
 * @param minValue the lowest portfolio value
 * @param maxValue the highest portfolio value
 * @param totalPnl the sum of the snapshots' pnl
 * @param averageSharpe the mean Sharpe ratio of the snapshots that have one
 * @param worstDrawdown the lowest (most negative) max drawdown of the snapshots that have one
 * @param averageWinRate the mean win rate of the snapshots that have one
 * @param totalTrades the sum of the snapshots' trade counts (missing counts add nothing)
 * @param returnPercent {@code (endValue - startValue) / startValue * 100}; empty when the start value is zero
 */
public record PerformanceSummary(Instant firstSnapshot, Instant lastSnapshot, long snapshots, double startValue,
                                 double endValue, double minValue, double maxValue, double totalPnl,
                                 OptionalDouble averageSharpe, OptionalDouble worstDrawdown,
                                 OptionalDouble averageWinRate, long totalTrades, OptionalDouble returnPercent) {
    public PerformanceSummary {
        requireNonNull(firstSnapshot, "firstSnapshot is null");
        requireNonNull(lastSnapshot, "lastSnapshot is null");
        requireNonNull(averageSharpe, "averageSharpe is null");
        requireNonNull(worstDrawdown, "worstDrawdown is null");
        requireNonNull(averageWinRate, "averageWinRate is null");
        requireNonNull(returnPercent, "returnPercent is null");
    }

    /** The return in percent of a start and an end value; empty when the start value is zero. */
    public static OptionalDouble returnPercent(double startValue, double endValue) {
        return startValue == 0.0 ? OptionalDouble.empty()
                : OptionalDouble.of((endValue - startValue) / startValue * 100.0);
    }
}
