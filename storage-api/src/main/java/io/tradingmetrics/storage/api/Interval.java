package io.tradingmetrics.storage.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static java.util.Objects.requireNonNull;

/**
 * The bucket widths of time-bucketed queries. Every store aligns buckets alike, in UTC: fixed widths are counted
 * from 2000-01-03T00:00Z (a Monday, so weeks start on Mondays; every width up to a day divides evenly, so those
 * buckets also align to the epoch), months from the first day of each calendar month.
 */
public enum Interval {
    SECOND_1("1s", Duration.ofSeconds(1)),
    MINUTE_1("1m", Duration.ofMinutes(1)),
    MINUTE_5("5m", Duration.ofMinutes(5)),
    MINUTE_15("15m", Duration.ofMinutes(15)),
    HOUR_1("1h", Duration.ofHours(1)),
    HOUR_4("4h", Duration.ofHours(4)),
    DAY_1("1d", Duration.ofDays(1)),
    WEEK_1("1w", Duration.ofDays(7)),
    MONTH_1("1mo", null);

    private static final long ORIGIN_MICROS = 946_857_600_000_000L; // 2000-01-03T00:00:00Z

    private final String label;
    private final Duration width;

    Interval(String label, Duration width) {
        this.label = label;
        this.width = width;
    }

    /** @return the short form, for example {@code 5m} or {@code 1mo} */
    public String label() {
        return label;
    }

    /** @return whether buckets are calendar months rather than a fixed width */
    public boolean isMonths() {
        return width == null;
    }

    /**
     * @return the fixed width in microseconds
     * @throws IllegalStateException for {@link #MONTH_1}, whose width varies
     */
    public long widthMicros() {
        if (width == null) {
            throw new IllegalStateException("months have no fixed width");
        }
        return width.toNanos() / 1_000L;
    }

    /** @return the start of the bucket holding the instant */
    public Instant bucketStart(Instant instant) {
        if (width == null) {
            ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
            return LocalDate.of(utc.getYear(), utc.getMonth(), 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        long widthMicros = widthMicros();
        long buckets = Math.floorDiv(Timestamps.toEpochMicros(instant) - ORIGIN_MICROS, widthMicros);
        return Timestamps.fromEpochMicros(ORIGIN_MICROS + buckets * widthMicros);
    }

    /** @return the start of the bucket after the one that starts at {@code bucketStart} */
    public Instant next(Instant bucketStart) {
        if (width == null) {
            return bucketStart.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        }
        return bucketStart.plus(width);
    }

    /**
     * @return how many buckets hold an instant of the range: from the one holding its start to the one holding its
     *         last microsecond; zero for an empty range
     */
    public long bucketsIn(TimeRange range) {
        if (range.isEmpty()) {
            return 0;
        }
        Instant first = bucketStart(range.from());
        Instant last = bucketStart(range.to().minusNanos(1_000));
        if (width == null) {
            ZonedDateTime from = first.atZone(ZoneOffset.UTC);
            ZonedDateTime to = last.atZone(ZoneOffset.UTC);
            return (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue() + 1;
        }
        Duration between = Duration.between(first, last);
        return (between.getSeconds() * 1_000_000L + between.getNano() / 1_000) / widthMicros() + 1;
    }

    /**
     * Case does not matter, except that an upper-case {@code M} is refused: it means month as often as minute.
     *
     * @return the interval of that short form ({@code 1s 1m 5m 15m 1h 4h 1d 1w 1mo}) or constant name
     *         ({@code MINUTE_5})
     * @throws InvalidInputException naming the valid forms
     */
    public static Interval parse(String text) {
        String trimmed = requireNonNull(text, "interval is null").trim();
        for (Interval interval : values()) {
            if (interval.label.equalsIgnoreCase(trimmed) && interval.label.endsWith("m") && trimmed.endsWith("M")) {
                throw new InvalidInputException("interval '" + text + "' is ambiguous: write " + interval.label
                        + " for " + interval.label.replace("m", "") + " minute(s) or 1mo for a month");
            }
        }
        return Choices.parse(text, values(), Interval::label, "interval");
    }
}
