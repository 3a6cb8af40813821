package io.tradingmetrics.storage.api;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Candles built from a metric's raw points, one per (bucket, symbol); points without symbol are left out.
 * Open and close are the first and last price by time, high and low the extremes; volume is the sum of the
 * volume metric's points in the bucket rounded to a whole number (half away from zero), or the number of price
 * points when no volume metric is given.
 *
 * @param priceMetric the metric whose values are prices, for example {@code price}
 * @param volumeMetric the metric whose values are traded volumes, if any
 * @param range the time range of points
 * @param interval the candle width
 * @param symbol only this symbol, if given
 */
public record MetricCandleQuery(String priceMetric, Optional<String> volumeMetric, TimeRange range, Interval interval,
                               Optional<String> symbol) {
    public MetricCandleQuery {
        requireNonNull(priceMetric, "priceMetric is null");
        requireNonNull(volumeMetric, "volumeMetric is null");
        requireNonNull(range, "range is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(symbol, "symbol is null");
    }

    public static MetricCandleQuery of(String priceMetric, TimeRange range, Interval interval) {
        return new MetricCandleQuery(priceMetric, Optional.empty(), range, interval, Optional.empty());
    }

    public MetricCandleQuery withVolumeMetric(String newVolumeMetric) {
        return new MetricCandleQuery(priceMetric, Optional.of(newVolumeMetric), range, interval, symbol);
    }

    public MetricCandleQuery withSymbol(String newSymbol) {
        return new MetricCandleQuery(priceMetric, volumeMetric, range, interval, Optional.of(newSymbol));
    }
}
