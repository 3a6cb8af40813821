package io.tradingmetrics.storage.api;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A raw range read of one metric, newest first.
 *
 * @param metricName the metric to read
 * @param range the time range
 * @param symbol only points of this symbol, if given
 * @param labels only points whose labels hold every one of these key/value pairs
 * @param limit the most points to return, at least 1
 */
public record MetricQuery(String metricName, TimeRange range, Optional<String> symbol, Map<String, String> labels,
                          int limit) {
    /** The limit when none is given. */
    public static final int DEFAULT_LIMIT = 1_000;

    public MetricQuery {
        requireNonNull(metricName, "metricName is null");
        requireNonNull(range, "range is null");
        requireNonNull(symbol, "symbol is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        if (limit < 1) {
            throw new InvalidInputException("query limit " + limit + " is not positive; give a limit of 1 or more");
        }
    }

    /** All points of a metric in the range, up to {@link #DEFAULT_LIMIT}. */
    public static MetricQuery of(String metricName, TimeRange range) {
        return new MetricQuery(metricName, range, Optional.empty(), Map.of(), DEFAULT_LIMIT);
    }

    public MetricQuery withSymbol(String newSymbol) {
        return new MetricQuery(metricName, range, Optional.of(newSymbol), labels, limit);
    }

    public MetricQuery withLabels(Map<String, String> newLabels) {
        return new MetricQuery(metricName, range, symbol, newLabels, limit);
    }

    public MetricQuery withLimit(int newLimit) {
        return new MetricQuery(metricName, range, symbol, labels, newLimit);
    }
}
