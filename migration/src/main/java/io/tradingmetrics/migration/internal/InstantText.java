package io.tradingmetrics.migration.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** The one text of an instant in files, checkpoints and reports: ISO-8601 UTC with exactly six fraction digits. */
public final class InstantText {
    private static final DateTimeFormatter MICROS_UTC = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private InstantText() {}

    /** @return for example {@code 2024-03-01T12:00:00.123456Z} */
    public static String format(Instant instant) {
        return MICROS_UTC.format(instant);
    }
}
