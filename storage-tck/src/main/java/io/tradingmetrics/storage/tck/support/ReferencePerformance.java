package io.tradingmetrics.storage.tck.support;

import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** The performance summary as {@link PerformanceSummary}'s javadoc defines each figure. */
final class ReferencePerformance {
    private ReferencePerformance() {}

    /** @param snapshots the snapshots of the range, oldest first */
    static Optional<PerformanceSummary> summary(List<PerformanceSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return Optional.empty();
        }
        PerformanceSnapshot first = snapshots.get(0);
        PerformanceSnapshot last = snapshots.get(snapshots.size() - 1);
        List<Double> values = snapshots.stream().map(PerformanceSnapshot::portfolioValue).toList();
        List<Double> pnls = snapshots.stream().map(PerformanceSnapshot::pnl).toList();
        return Optional.of(new PerformanceSummary(first.timestamp(), last.timestamp(), snapshots.size(),
                first.portfolioValue(), last.portfolioValue(),
                values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                Values.exactSum(pnls),
                meanOfPresent(snapshots.stream().map(PerformanceSnapshot::sharpeRatio).toList()),
                snapshots.stream().map(PerformanceSnapshot::maxDrawdown).filter(OptionalDouble::isPresent)
                        .mapToDouble(OptionalDouble::getAsDouble).min(),
                meanOfPresent(snapshots.stream().map(PerformanceSnapshot::winRate).toList()),
                snapshots.stream().map(PerformanceSnapshot::totalTrades).filter(OptionalInt::isPresent)
                        .mapToLong(OptionalInt::getAsInt).sum(),
                first.portfolioValue() == 0.0 ? OptionalDouble.empty()
                        : OptionalDouble.of((last.portfolioValue() - first.portfolioValue())
                                / first.portfolioValue() * 100.0)));
    }

    private static OptionalDouble meanOfPresent(List<OptionalDouble> figures) {
        List<Double> present = figures.stream().filter(OptionalDouble::isPresent)
                .map(OptionalDouble::getAsDouble).toList();
        return present.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Values.exactMean(present));
    }
}
