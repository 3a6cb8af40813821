package io.tradingmetrics.storage.api;

/**
 * How the values of one bucket are combined. {@link #FIRST} and {@link #LAST} are ordered by timestamp;
 * percentiles are continuous (interpolated linearly between the two nearest values); {@link #STDDEV} is the sample
 * standard deviation and has no value for a bucket of one point.
 */
public enum Aggregation {
    AVG, SUM, MIN, MAX, COUNT, FIRST, LAST, P50, P95, P99, STDDEV;

    /** @return the fraction of a percentile aggregation, for example 0.95 for {@link #P95} */
    public double percentileFraction() {
        return switch (this) {
            case P50 -> 0.5;
            case P95 -> 0.95;
            case P99 -> 0.99;
            default -> throw new IllegalStateException(this + " is not a percentile");
        };
    }

    /**
     * @return the aggregation of that name, case-insensitive ({@code avg}, {@code p95}, ...)
     * @throws InvalidInputException naming the valid names
     */
    public static Aggregation parse(String text) {
        return Choices.parse(text, values(), Choices::lowerCase, "aggregation");
    }
}
