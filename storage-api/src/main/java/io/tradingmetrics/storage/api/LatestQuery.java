package io.tradingmetrics.storage.api;

import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Which series a latest-value read covers: a series is one (metric name, symbol) pair.
 *
 * @param metricNames only these metrics; empty for all
 * @param symbol only this symbol, if given
 */
public record LatestQuery(Set<String> metricNames, Optional<String> symbol) {
    public LatestQuery {
        metricNames = Set.copyOf(requireNonNull(metricNames, "metricNames is null"));
        requireNonNull(symbol, "symbol is null");
    }

    /** Every series. */
    public static LatestQuery all() {
        return new LatestQuery(Set.of(), Optional.empty());
    }

    /** Every series of these metrics. */
    public static LatestQuery of(String... metricNames) {
        return new LatestQuery(Set.of(metricNames), Optional.empty());
    }

    public LatestQuery withSymbol(String newSymbol) {
        return new LatestQuery(metricNames, Optional.of(newSymbol));
    }
}
