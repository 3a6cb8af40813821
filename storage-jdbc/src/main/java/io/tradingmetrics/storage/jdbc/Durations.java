package io.tradingmetrics.storage.jdbc;

import java.time.Duration;

/** Durations in messages, as configuration spells them ({@code 250ms}, {@code 10s}, {@code 5m}). */
public final class Durations {
    private Durations() {}

    /** @return the duration in the largest unit that shows it exactly, for example {@code 1500ms} or {@code 2m} */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis != 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
