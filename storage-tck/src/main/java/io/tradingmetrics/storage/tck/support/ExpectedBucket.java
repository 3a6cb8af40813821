package io.tradingmetrics.storage.tck.support;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/**
 * A bucket the reference model expects, with the magnitude of the inputs its value was computed from, so that a
 * comparison can allow for a different floating evaluation order in the engine.
 *
 * @param bucketStart the first instant of the bucket
 * @param symbol the series' symbol when grouped by symbol, else empty
 * @param value the expected value, empty where there is none
 * @param sampleCount how many points fell in the bucket
 * @param scale the largest magnitude of the inputs behind the value
 */
public record ExpectedBucket(Instant bucketStart, Optional<String> symbol, OptionalDouble value, long sampleCount,
                             double scale) {
    public ExpectedBucket {
        requireNonNull(bucketStart, "bucketStart is null");
        requireNonNull(symbol, "symbol is null");
        requireNonNull(value, "value is null");
    }

    /** A bucket without points, as gap filling adds it. */
    public static ExpectedBucket gap(Instant bucketStart, Optional<String> symbol, OptionalDouble value,
                                     double scale) {
        return new ExpectedBucket(bucketStart, symbol, value, 0, scale);
    }

    @Override
    public String toString() {
        return bucketStart + " " + symbol.orElse("<no symbol>") + " n=" + sampleCount + " value="
                + (value.isPresent() ? Double.toString(value.getAsDouble()) : "<none>");
    }
}
