package io.tradingmetrics.storage.api;


import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static java.util.Objects.requireNonNull;

/**
 * The instants a store holds: microsecond precision within years 1 to 9999 (the range ISO-8601 text writes with
 * four-digit years). Every store truncates and refuses alike, so that an instant reads back the same from any store.
 */
public final class Timestamps {
    /** The earliest instant a store holds. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /**
     * The end of what a store holds: stored instants lie before it, and it is the latest end a {@code TimeRange}
     * may have, so that a half-open range can cover every stored instant.
     */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Timestamps() {}

    /**
     * Truncates a stored instant to the microsecond (towards the past, so that every store truncates alike) and
     * checks the range.
     *
     * @throws InvalidInputException when the instant is not within {@link #MIN} (included) .. {@link #MAX} (excluded)
     */
    public static Instant normalize(Instant instant, String what) {
        Instant truncated = normalizeBound(instant, what);
        if (truncated.equals(MAX)) {
            throw outOfRange(instant, what);
        }
        return truncated;
    }

    /**
     * Truncates the bound of a time range to the microsecond and checks the range.
     *
     * @throws InvalidInputException when the instant is not within {@link #MIN} .. {@link #MAX}, both included
     */
    public static Instant normalizeBound(Instant instant, String what) {
        requireNonNull(instant, what + " is null");
        // Rows read back are whole microseconds already; truncatedTo costs as much as the rest of a point's checks.
        Instant truncated = instant.getNano() % 1_000 == 0 ? instant : instant.truncatedTo(ChronoUnit.MICROS);
        if (truncated.isBefore(MIN) || truncated.isAfter(MAX)) {
            throw outOfRange(instant, what);
        }
        return truncated;
    }

    private static InvalidInputException outOfRange(Instant instant, String what) {
        return new InvalidInputException(what + " " + instant + " is outside the supported range "
                + MIN + " (included) .. " + MAX + " (excluded); store instants within years 1 to 9999");
    }

    /** Microseconds since the epoch of an already normalized instant. */
    public static long toEpochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** The instant of a count of microseconds since the epoch. */
    public static Instant fromEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
