package io.tradingmetrics.cli.output;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Formats cell values for people (tables) and for machines (CSV, JSON). */
public final class Cells {
    private Cells() {}

    /** @return the value with Optionals unwrapped; {@code null} for an absent value */
    static Object plain(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(Cells::plain).orElse(null);
        }
        if (value instanceof OptionalDouble optional) {
            return optional.isPresent() ? optional.getAsDouble() : null;
        }
        if (value instanceof OptionalLong optional) {
            return optional.isPresent() ? optional.getAsLong() : null;
        }
        if (value instanceof OptionalInt optional) {
            return optional.isPresent() ? (long) optional.getAsInt() : null;
        }
        return value;
    }

    /** @return the value as a person reads it in an aligned table; empty for an absent value */
    static String forTable(Object raw, Column.Kind kind) {
        Object value = plain(raw);
        if (value == null) {
            return "";
        }
        return switch (kind) {
            case DECIMAL -> value instanceof Number n ? decimal(n.doubleValue()) : value.toString();
            case COUNT -> value instanceof Number n ? count(n.longValue()) : value.toString();
            case BYTES -> value instanceof Number n ? bytes(n.longValue()) : value.toString();
            case PERCENT -> value instanceof Number n ? String.format(Locale.ROOT, "%.2f %%", n.doubleValue() * 100)
                    : value.toString();
            case LABELS -> value instanceof Map<?, ?> map ? labels(map) : value.toString();
            case TIME, TEXT -> value.toString();
        };
    }

    /** @return the value at full precision, as CSV holds it; empty for an absent value */
    static String forMachine(Object raw, Column.Kind kind) {
        Object value = plain(raw);
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> map) {
            return labels(map);
        }
        return value.toString();
    }

    /** @return a double rounded by magnitude: 2 decimals from 100 up, 4 from 1, 6 below */
    public static String decimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        double magnitude = Math.abs(value);
        int decimals = magnitude >= 100 ? 2 : magnitude >= 1 || magnitude == 0 ? 4 : 6;
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** @return a whole number with thousands separators, for example {@code 1,000,000} */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** @return a size in bytes in binary units, for example {@code 12.3 MiB} */
    public static String bytes(long value) {
        if (value < 1024) {
            return value + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double size = value;
        int unit = -1;
        while (size >= 1024 && unit < units.length - 1) {
            size /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", size, units[unit]);
    }

    /** @return milliseconds of a duration in nanoseconds, for example {@code 12.3 ms} */
    public static String millis(long nanos) {
        double ms = nanos / 1e6;
        return String.format(Locale.ROOT, ms >= 100 ? "%,.0f ms" : "%.1f ms", ms);
    }

    private static String labels(Map<?, ?> map) {
        return new TreeMap<>(map).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
