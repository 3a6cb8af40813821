package io.tradingmetrics.server;

import io.javalin.http.Context;
import io.tradingmetrics.config.Suggestions;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The query parameters of one request, read strictly: a parameter the route does not take is refused with the
 * closest one it does (a mistyped {@code metirc} must not quietly widen the read to every metric), a value that does
 * not parse is refused naming the parameter and the accepted forms. Every refusal is an {@link ApiException} (400).
 * An empty value ({@code symbol=}) counts as absent.
 */
public final class QueryParameters {
    /** The prefix of label filters: {@code label.venue=binance}. */
    public static final String LABEL_PREFIX = "label.";
    /** Stands for every {@code label.<key>} parameter in the set of those a route takes. */
    public static final String LABELS = "label.*";
    static final String TIME_FORMS = "give ISO-8601 in UTC (2026-12-01T10:00:00Z, or with an offset) or epoch"
            + " milliseconds (1764583200000)";

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * @param allowed the parameters the route takes ({@link #LABELS} for label filters)
     * @throws ApiException naming a parameter the route does not take
     */
    public static QueryParameters of(Context ctx, Set<String> allowed) {
        requireNonNull(ctx, "ctx is null");
        Map<String, List<String>> values = ctx.queryParamMap();
        for (String name : new TreeSet<>(values.keySet())) {
            boolean label = name.startsWith(LABEL_PREFIX) && allowed.contains(LABELS);
            if (!label && !allowed.contains(name)) {
                List<String> valid = allowed.stream().sorted().toList();
                String hint = valid.isEmpty() ? ctx.path() + " takes no query parameters"
                        : "parameters of " + ctx.path() + ": " + String.join(", ", valid)
                        + Suggestions.closest(name, valid).map(s -> "; did you mean '" + s + "'?").orElse("");
                throw ApiException.badParameter(name, "unknown query parameter '" + name + "'", hint);
            }
        }
        return new QueryParameters(values);
    }

    /** @return the value of a parameter given at most once; empty when absent or empty */
    public Optional<String> optional(String name) {
        List<String> given = values.getOrDefault(name, List.of());
        if (given.size() > 1) {
            throw ApiException.badParameter(name, "query parameter '" + name + "' is given " + given.size()
                    + " times", "give it once");
        }
        return given.stream().filter(value -> !value.isEmpty()).findFirst();
    }

    /** @return the value of a parameter that must be given */
    public String required(String name, String what) {
        return optional(name).orElseThrow(() -> ApiException.badParameter(name, "query parameter '" + name
                + "' is missing", "give " + name + "=" + what));
    }

    /** @return every non-empty value of a parameter that may repeat ({@code metric=a&metric=b}) */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of()).stream().filter(value -> !value.isEmpty()).toList();
    }

    /** @return the label filters, {@code label.venue=binance} as {@code venue -> binance} */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String name : new TreeSet<>(values.keySet())) {
            if (name.startsWith(LABEL_PREFIX)) {
                String key = name.substring(LABEL_PREFIX.length());
                if (key.isEmpty()) {
                    throw ApiException.badParameter(name, "label filter '" + name + "' names no label key",
                            "write label.<key>=<value>, for example label.venue=binance");
                }
                List<String> given = values.get(name);
                if (given.size() != 1) {
                    throw ApiException.badParameter(name, "label filter '" + name + "' is given " + given.size()
                            + " times", "give each label key once: a point has one value per key");
                }
                labels.put(key, given.get(0));
            }
        }
        return labels;
    }

    public boolean bool(String name, boolean defaultValue) {
        return optional(name).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badParameter(name, "query parameter " + name + "=" + value
                    + " is not a boolean", "give " + name + "=true or " + name + "=false");
        }).orElse(defaultValue);
    }

    /** @return a whole number within {@code min..max} */
    public int integer(String name, int defaultValue, int min, int max, String limitHint) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.get().trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "query parameter " + name + "=" + text.get()
                    + " is not a whole number", "give a whole number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw ApiException.badParameter(name, "query parameter " + name + "=" + value + " is outside " + min
                    + ".." + max, limitHint);
        }
        return (int) value;
    }

    /** @return the instant of a parameter in ISO-8601 or epoch milliseconds, if given */
    public Optional<Instant> instant(String name) {
        return optional(name).map(text -> parseInstant(name, text.trim()));
    }

    /**
     * The range {@code [from, to)}: {@code to} defaults to now, {@code from} to {@code defaultSpan} before
     * {@code to}.
     */
    public TimeRange range(Instant now, Duration defaultSpan) {
        Instant to = instant("to").orElse(now);
        return checkedRange(instant("from").orElseGet(() -> to.minus(defaultSpan)), to);
    }

    /** The range {@code [from, to)} with a missing side open: the first or last instant a store holds. */
    public TimeRange openRange() {
        return checkedRange(instant("from").orElse(Timestamps.MIN), instant("to").orElse(Timestamps.MAX));
    }

    private static TimeRange checkedRange(Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw ApiException.badParameter("from", "from " + from + " is after to " + to,
                    "give from before to (the range is [from, to))");
        }
        try {
            return TimeRange.of(from, to);
        } catch (InvalidInputException e) {
            throw ApiException.badParameter(from.isBefore(to) ? "from" : "to", e.getMessage(),
                    "give instants within years 1 to 9999");
        }
    }

    public Interval interval(String name, Interval defaultValue) {
        return choice(name, defaultValue, Interval::parse, "give one of " + java.util.Arrays.stream(Interval.values())
                .map(Interval::label).collect(java.util.stream.Collectors.joining(", ")));
    }

    public Aggregation aggregation(String name, Aggregation defaultValue) {
        return choice(name, defaultValue, Aggregation::parse, "see the aggregations in server/HTTP-API.md");
    }

    public GapFill gapFill(String name, GapFill defaultValue) {
        return choice(name, defaultValue, GapFill::parse, "give none, null, previous or linear");
    }

    private <T> T choice(String name, T defaultValue, Function<String, T> parse, String validHint) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return parse.apply(text.get());
        } catch (InvalidInputException e) {
            String message = e.getMessage();
            int split = message.lastIndexOf("; ");
            throw split < 0 ? ApiException.badParameter(name, message, validHint)
                    : ApiException.badParameter(name, message.substring(0, split), message.substring(split + 2));
        }
    }

    static Instant parseInstant(String name, String text) {
        if (text.matches("-?\\d+")) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                throw ApiException.badParameter(name, "query parameter " + name + "=" + text
                        + " is out of range for epoch milliseconds", TIME_FORMS);
            }
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badParameter(name, "query parameter " + name + "=" + text
                        + " is not a time", TIME_FORMS);
            }
        }
    }

    /** @return the parameter names given, for messages */
    List<String> names() {
        return new ArrayList<>(values.keySet());
    }
}
