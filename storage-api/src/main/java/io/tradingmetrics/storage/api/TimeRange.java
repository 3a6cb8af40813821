package io.tradingmetrics.storage.api;


import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A half-open range of instants {@code [from, to)}, normalized like stored timestamps.
 *
 * @param from the first instant included
 * @param to the first instant excluded; not before {@code from}
 */
public record TimeRange(Instant from, Instant to) {
    public TimeRange {
        // Bounds beyond what a store holds are clamped, so that Instant.MIN .. Instant.MAX means "everything".
        requireNonNull(from, "range start is null");
        requireNonNull(to, "range end is null");
        from = Timestamps.normalizeBound(from.isBefore(Timestamps.MIN) ? Timestamps.MIN : from, "range start");
        to = Timestamps.normalizeBound(to.isAfter(Timestamps.MAX) ? Timestamps.MAX : to, "range end");
        if (to.isBefore(from)) {
            throw new InvalidInputException("time range end " + to + " is before its start " + from
                    + "; give the earlier instant first");
        }
    }

    /** Every instant a store can hold. */
    public static TimeRange all() {
        return new TimeRange(Timestamps.MIN, Timestamps.MAX);
    }

    /** {@code [from, to)}. */
    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from, to);
    }

    /** @return whether the instant lies in the range */
    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }

    /** @return whether the range holds no instant */
    public boolean isEmpty() {
        return from.equals(to);
    }
}
