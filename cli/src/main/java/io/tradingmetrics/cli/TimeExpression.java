package io.tradingmetrics.cli;

import io.tradingmetrics.storage.api.InvalidInputException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The instants the command line takes: {@code now}; relative to now, {@code -1h}, {@code -30m}, {@code -7d},
 * {@code -2w}, {@code -15s} (also {@code now-1h}, and {@code +} for the future); an ISO-8601 instant
 * ({@code 2026-11-24T10:00:00Z}) or one with an offset ({@code 2026-11-24T11:00:00+01:00}); a date
 * ({@code 2026-11-24}, midnight UTC).
 */
public final class TimeExpression {
    private static final Pattern RELATIVE = Pattern.compile("(?:now)?([+-])(\\d{1,9})(ms|s|m|h|d|w)");
    static final String FORMS = "give an ISO-8601 instant such as 2026-11-24T10:00:00Z, a date such as 2026-11-24"
            + " (midnight UTC), now, or a time relative to now such as -15m, -1h, -7d, -2w";

    private TimeExpression() {}

    /**
     * @throws InvalidInputException naming the accepted forms
     */
    public static Instant parse(String text, Instant now) {
        requireNonNull(text, "text is null");
        requireNonNull(now, "now is null");
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("now")) {
            return now;
        }
        Matcher relative = RELATIVE.matcher(trimmed);
        if (relative.matches()) {
            Duration amount = unit(relative.group(3)).multipliedBy(Long.parseLong(relative.group(2)));
            return relative.group(1).equals("-") ? now.minus(amount) : now.plus(amount);
        }
        try {
            if (trimmed.length() == 10) {
                return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException e) {
            String hint = trimmed.contains("T") && !trimmed.endsWith("Z") && !trimmed.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? " (add Z for UTC or an offset such as +01:00)" : "";
            throw new InvalidInputException("cannot read the time '" + text + "'" + hint + "; " + FORMS);
        }
    }

    private static Duration unit(String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            case "w" -> Duration.ofDays(7);
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
