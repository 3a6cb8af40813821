package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricsStoreException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Turns rows of {@link ReadSql#candlesFromMetrics} into candles, rounding volumes the same way on every engine. */
final class MetricCandles {
    private MetricCandles() {}

    /** @return the candle of the row, or null for a blank symbol, which no candle can carry */
    static Candle candle(ResultSet row, MetricCandleQuery query) throws SQLException {
        String symbol = row.getString(2);
        if (symbol.isBlank()) {
            return null;
        }
        Instant bucket = JdbcValues.instant(row, 1);
        long volume;
        if (query.volumeMetric().isPresent()) {
            double sum = row.getDouble(8);
            volume = row.wasNull() ? 0 : roundHalfAwayFromZero(sum, query, symbol, bucket);
        } else {
            volume = row.getLong(7);
        }
        if (volume < 0) {
            throw new MetricsStoreException("the points of volume metric '" + query.volumeMetric().orElseThrow()
                    + "' for " + symbol + " in the bucket starting " + bucket + " sum to " + volume
                    + "; a candle's volume cannot be negative: check that metric's values");
        }
        return new Candle(bucket, symbol, row.getDouble(3), row.getDouble(4), row.getDouble(5), row.getDouble(6),
                volume);
    }

    /** Rounds half away from zero ({@code Math.round} rounds -2.5 to -2; this rounds it to -3). */
    static long roundHalfAwayFromZero(double value, MetricCandleQuery query, String symbol, Instant bucket) {
        if (!Double.isFinite(value) || Math.abs(value) >= 0x1p63) {
            throw new MetricsStoreException("the points of volume metric '" + query.volumeMetric().orElseThrow()
                    + "' for " + symbol + " in the bucket starting " + bucket + " sum to " + value
                    + ", which is not a whole number of units; check that metric's values");
        }
        long magnitude = Math.round(Math.abs(value));
        return value < 0 ? -magnitude : magnitude;
    }
}
