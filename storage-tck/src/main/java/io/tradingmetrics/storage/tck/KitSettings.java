package io.tradingmetrics.storage.tck;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How large the kit's larger tests run. A store whose test cannot afford the defaults (for example a remote server on
 * a slow link) may shrink them; the contracts stay the same.
 *
 * @param largeTableRows the rows of the table that is streamed with bounded memory
 * @param concurrencyDuration how long the writer and reader threads of the concurrency test run
 */
public record KitSettings(int largeTableRows, Duration concurrencyDuration) {
    public KitSettings {
        if (largeTableRows < 1) {
            throw new IllegalArgumentException("largeTableRows must be positive: " + largeTableRows);
        }
        requireNonNull(concurrencyDuration, "concurrencyDuration is null");
    }

    /** A few hundred thousand rows streamed, two seconds of concurrent load. */
    public static KitSettings defaults() {
        return new KitSettings(300_000, Duration.ofSeconds(2));
    }
}
