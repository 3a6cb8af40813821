package io.tradingmetrics.storage.api;

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
        return Choices.parse(text, values(), Choices::lowerCase, "gap fill");
    }
}
