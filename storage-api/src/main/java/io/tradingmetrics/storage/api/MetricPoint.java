package io.tradingmetrics.storage.api;


import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One observation of a metric: a row of {@code trading_metrics}.
 *
 * @param timestamp when it was observed; truncated to the microsecond, years 1 to 9999
 * @param metricName what was observed, for example {@code price} or {@code order_latency_ms}
 * @param value the observed value; NaN and the infinities are kept as they are
 * @param symbol the instrument it belongs to, if any
 * @param labels further dimensions (for example {@code venue=binance}); an immutable copy, possibly empty
 */
public record MetricPoint(Instant timestamp, String metricName, double value, Optional<String> symbol,
                          Map<String, String> labels) {
    public MetricPoint {
        timestamp = Timestamps.normalize(timestamp, "timestamp");
        Names.requireName(metricName, "metric name");
        requireNonNull(symbol, "symbol is null");
        symbol.ifPresent(s -> Names.requireNoNul(s, "symbol"));
        requireNonNull(labels, "labels is null");
        labels.forEach((key, labelValue) -> {
            Names.requireName(key, "label key");
            Names.requireNoNul(requireNonNull(labelValue, "label '" + key + "' has a null value"), "label value");
        });
        labels = Map.copyOf(labels);
    }

    /** A point without symbol and labels. */
    public static MetricPoint of(Instant timestamp, String metricName, double value) {
        return new MetricPoint(timestamp, metricName, value, Optional.empty(), Map.of());
    }

    /** A point for a symbol, without labels. */
    public static MetricPoint of(Instant timestamp, String metricName, double value, String symbol) {
        return new MetricPoint(timestamp, metricName, value, Optional.of(symbol), Map.of());
    }

    /** A point for a symbol, with labels. */
    public static MetricPoint of(Instant timestamp, String metricName, double value, String symbol,
                                 Map<String, String> labels) {
        return new MetricPoint(timestamp, metricName, value, Optional.of(symbol), labels);
    }
}
