package io.tradingmetrics.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * When maintenance runs: every {@code every}, aligned on the UTC time of day {@code at} when given (the default,
 * daily at 03:00 UTC, is {@code at = 03:00, every = 24h}; {@code at = 00:15, every = 1h} runs at a quarter past each
 * hour), or counted from the scheduler's start when not.
 *
 * @param at the UTC time of day the runs are aligned on, empty to count from the start
 * @param every the time between two runs; at least a minute
 */
public record MaintenanceSchedule(Optional<LocalTime> at, Duration every) {
    /** Daily at 03:00 UTC. */
    public static final MaintenanceSchedule DAILY = new MaintenanceSchedule(Optional.of(LocalTime.of(3, 0)),
            Duration.ofDays(1));

    public MaintenanceSchedule {
        requireNonNull(at, "at is null");
        requireNonNull(every, "every is null");
        if (every.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("maintenance runs at most every minute, not every " + every
                    + "; give a period such as 24h");
        }
    }

    /**
     * @param now the clock's reading
     * @param started when the scheduler started, the origin of a schedule without {@code at}
     * @return the first run time strictly after {@code now}
     */
    public Instant nextAfter(Instant now, Instant started) {
        requireNonNull(now, "now is null");
        requireNonNull(started, "started is null");
        Instant anchor = at.map(time -> now.atOffset(ZoneOffset.UTC).toLocalDate().atTime(time)
                .toInstant(ZoneOffset.UTC)).orElse(started);
        long periods = Math.floorDiv(Duration.between(anchor, now).toNanos(), every.toNanos()) + 1;
        return anchor.plus(every.multipliedBy(periods));
    }

    @Override
    public String toString() {
        return at.map(time -> "every " + every + " aligned on " + time + " UTC").orElse("every " + every);
    }
}
