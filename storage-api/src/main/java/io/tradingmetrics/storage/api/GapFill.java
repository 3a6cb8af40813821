package io.tradingmetrics.storage.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a time-bucketed query returns for buckets of the requested range that hold no point. Filling applies to each
 * series that has at least one point in the range; a query that matches no point returns no bucket.
 */
public enum GapFill {
    /** Empty buckets are left out. */
    NONE,
    /** Empty buckets are returned without a value and with a sample count of zero. */
    NULL,
    /** Empty buckets carry the value of the nearest earlier bucket that has one (none before the first). */
    PREVIOUS,
    /** Empty buckets between two valued buckets get the value interpolated linearly in time; none at the edges. */
    LINEAR;

    /**
     * @return the mode of that name, case-insensitive
     * @throws InvalidInputException naming the valid names
     */
    public static GapFill parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown gap fill '" + text + "'; valid modes: "
                    + Arrays.stream(values()).map(g -> g.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
