package io.tradingmetrics.cli.output;

import static java.util.Objects.requireNonNull;

/**
 * A column of a {@link ResultTable}.
 *
 * @param name the header, also the JSON field name
 * @param kind how its cells are formatted
 */
public record Column(String name, Kind kind) {
    /** How cells are shown in a table; CSV and JSON print the plain value. */
    public enum Kind {
        /** Text, left-aligned. */
        TEXT,
        /** An {@link java.time.Instant}, ISO-8601 in UTC. */
        TIME,
        /** A double, rounded by magnitude, right-aligned. */
        DECIMAL,
        /** A whole number with thousands separators, right-aligned. */
        COUNT,
        /** A size in bytes, shown as KiB/MiB/GiB. */
        BYTES,
        /** A fraction shown as a percentage (0.123 as 12.30 %). */
        PERCENT,
        /** A map of labels, shown as {@code k=v,k=v}; a JSON object in JSON. */
        LABELS
    }

    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
    }

    public static Column text(String name) {
        return new Column(name, Kind.TEXT);
    }

    public static Column time(String name) {
        return new Column(name, Kind.TIME);
    }

    public static Column decimal(String name) {
        return new Column(name, Kind.DECIMAL);
    }

    public static Column count(String name) {
        return new Column(name, Kind.COUNT);
    }

    /** @return whether cells line up on the right, as numbers do */
    boolean rightAligned() {
        return kind != Kind.TEXT && kind != Kind.TIME && kind != Kind.LABELS;
    }
}
