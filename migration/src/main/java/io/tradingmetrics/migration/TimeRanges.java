package io.tradingmetrics.migration;

import io.tradingmetrics.migration.internal.InstantText;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;

import java.time.Instant;
import java.util.Optional;

/** Arithmetic on time ranges in microseconds, and their text in reports and checkpoints. */
public final class TimeRanges {
    private TimeRanges() {}

    /** @return {@code [min, max + 1 µs)}, the smallest range holding both stored instants */
    public static TimeRange enclosing(Instant min, Instant max) {
        return TimeRange.of(min, max.plusNanos(1_000));
    }

    /** @return the overlap of two ranges, empty when they do not overlap */
    public static Optional<TimeRange> intersection(TimeRange a, TimeRange b) {
        Instant from = a.from().isAfter(b.from()) ? a.from() : b.from();
        Instant to = a.to().isBefore(b.to()) ? a.to() : b.to();
        return from.isBefore(to) ? Optional.of(TimeRange.of(from, to)) : Optional.empty();
    }

    /** @return the length of the range in microseconds */
    public static long micros(TimeRange range) {
        return Timestamps.toEpochMicros(range.to()) - Timestamps.toEpochMicros(range.from());
    }

    /** @return the instant that splits the range in two halves (to the microsecond) */
    public static Instant middle(TimeRange range) {
        long from = Timestamps.toEpochMicros(range.from());
        return Timestamps.fromEpochMicros(from + micros(range) / 2);
    }

    /** @return an instant as ISO-8601 UTC with six fraction digits */
    public static String format(Instant instant) {
        return InstantText.format(instant);
    }

    /** @return a range as {@code [from, to)} in ISO-8601 UTC */
    public static String format(TimeRange range) {
        return "[" + format(range.from()) + ", " + format(range.to()) + ")";
    }
}
