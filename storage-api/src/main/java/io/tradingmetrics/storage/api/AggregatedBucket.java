package io.tradingmetrics.storage.api;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/**
 * One bucket of a time-bucketed aggregation.
 *
 * @param bucketStart the first instant of the bucket
 * @param symbol the symbol of the series when grouped by symbol (empty for points without symbol), else empty
 * @param value the aggregated value; empty where the aggregation has none (a filled gap, the deviation of one point)
 * @param sampleCount how many points fell in the bucket; zero for a filled gap
 */
public record AggregatedBucket(Instant bucketStart, Optional<String> symbol, OptionalDouble value, long sampleCount) {
    public AggregatedBucket {
        requireNonNull(bucketStart, "bucketStart is null");
        requireNonNull(symbol, "symbol is null");
        requireNonNull(value, "value is null");
        if (sampleCount < 0) {
            throw new IllegalArgumentException("sampleCount is negative: " + sampleCount);
        }
    }
}
