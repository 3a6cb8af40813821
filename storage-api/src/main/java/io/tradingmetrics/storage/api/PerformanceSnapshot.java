package io.tradingmetrics.storage.api;


import java.time.Instant;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * The state of the portfolio at one instant: a row of {@code performance_history}, keyed by timestamp.
 *
 * @param timestamp when the snapshot was taken; truncated to the microsecond
 * @param portfolioValue the value of the portfolio
 * @param pnl the profit or loss of the period that ends with this snapshot
 * @param sharpeRatio the Sharpe ratio, if computed
 * @param maxDrawdown the maximum drawdown as a fraction, negative for a loss (for example -0.12), if computed
 * @param winRate the fraction of winning trades, if computed
 * @param totalTrades the number of trades of the period, if counted
 */
public record PerformanceSnapshot(Instant timestamp, double portfolioValue, double pnl, OptionalDouble sharpeRatio,
                                  OptionalDouble maxDrawdown, OptionalDouble winRate, OptionalInt totalTrades) {
    public PerformanceSnapshot {
        timestamp = Timestamps.normalize(timestamp, "snapshot timestamp");
        requireNonNull(sharpeRatio, "sharpeRatio is null");
        requireNonNull(maxDrawdown, "maxDrawdown is null");
        requireNonNull(winRate, "winRate is null");
        requireNonNull(totalTrades, "totalTrades is null");
    }

    /** A snapshot with every optional figure present. */
    public static PerformanceSnapshot of(Instant timestamp, double portfolioValue, double pnl, double sharpeRatio,
                                         double maxDrawdown, double winRate, int totalTrades) {
        return new PerformanceSnapshot(timestamp, portfolioValue, pnl, OptionalDouble.of(sharpeRatio),
                OptionalDouble.of(maxDrawdown), OptionalDouble.of(winRate), OptionalInt.of(totalTrades));
    }
}
