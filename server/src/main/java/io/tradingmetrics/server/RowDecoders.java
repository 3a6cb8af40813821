package io.tradingmetrics.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The rows a POST body carries, in the encoding the reads answer with (server/HTTP-API.md), so that what a read
 * returned can be posted back as it is: a time is {@code time} (ISO-8601 with an offset, or epoch milliseconds as a
 * number) or {@code timeMs} (epoch milliseconds; ignored when {@code time} is given too); a double is a JSON number
 * or one of the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. Unknown fields are refused, naming
 * the known ones: a mistyped field must not silently lose its value.
 */
final class RowDecoders {
    static final Set<String> POINT_FIELDS = Set.of("metric", "value", "time", "timeMs", "symbol", "labels");
    static final Set<String> CANDLE_FIELDS = Set.of("symbol", "time", "timeMs", "open", "high", "low", "close",
            "volume");
    static final Set<String> SNAPSHOT_FIELDS = Set.of("time", "timeMs", "portfolioValue", "pnl", "sharpeRatio",
            "maxDrawdown", "winRate", "totalTrades");

    private RowDecoders() {}

    static MetricPoint point(JsonNode row, String where) {
        checkFields(row, where, POINT_FIELDS);
        return new MetricPoint(time(row, where), text(row, "metric", where), number(row, "value", where),
                optionalText(row, "symbol", where), labels(row, where));
    }

    static Candle candle(JsonNode row, String where) {
        checkFields(row, where, CANDLE_FIELDS);
        return new Candle(time(row, where), text(row, "symbol", where), number(row, "open", where),
                number(row, "high", where), number(row, "low", where), number(row, "close", where),
                whole(row, "volume", where));
    }

    static PerformanceSnapshot snapshot(JsonNode row, String where) {
        checkFields(row, where, SNAPSHOT_FIELDS);
        return new PerformanceSnapshot(time(row, where), number(row, "portfolioValue", where),
                number(row, "pnl", where), optionalNumber(row, "sharpeRatio", where),
                optionalNumber(row, "maxDrawdown", where), optionalNumber(row, "winRate", where),
                optionalWhole(row, "totalTrades", where));
    }

    private static void checkFields(JsonNode row, String where, Set<String> known) {
        for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.badRequest(where + ": unknown field '" + name + "'",
                        "the fields are " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static Instant time(JsonNode row, String where) {
        JsonNode time = row.get("time");
        if (time != null && !time.isNull()) {
            if (time.isIntegralNumber()) {
                return Instant.ofEpochMilli(time.longValue());
            }
            if (time.isTextual()) {
                try {
                    return OffsetDateTime.parse(time.textValue()).toInstant();
                } catch (DateTimeParseException e) {
                    throw ApiException.badRequest(where + ": time '" + time.textValue()
                            + "' is not an ISO-8601 time with an offset",
                            "write it like 2026-12-01T10:00:00Z, or give epoch milliseconds as a number");
                }
            }
            throw ApiException.badRequest(where + ": time is " + time.getNodeType().name().toLowerCase(),
                    "give an ISO-8601 string like 2026-12-01T10:00:00Z or epoch milliseconds as a number");
        }
        JsonNode millis = row.get("timeMs");
        if (millis != null && millis.isIntegralNumber()) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        if (millis != null && !millis.isNull()) {
            throw ApiException.badRequest(where + ": timeMs is not a whole number", "give epoch milliseconds");
        }
        throw ApiException.badRequest(where + ": no time",
                "give \"time\" (ISO-8601 like 2026-12-01T10:00:00Z, or epoch milliseconds) or \"timeMs\"");
    }

    private static String text(JsonNode row, String field, String where) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(where + ": no " + field, "every row needs \"" + field + "\"");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(where + ": " + field + " is not a string", "give it as a JSON string");
        }
        return node.textValue();
    }

    private static Optional<String> optionalText(JsonNode row, String field, String where) {
        JsonNode node = row.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(text(row, field, where));
    }

    private static double number(JsonNode row, String field, String where) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(where + ": no " + field, "every row needs \"" + field + "\"");
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw ApiException.badRequest(where + ": " + field + " is not a number",
                "give a JSON number, or one of the strings \"NaN\", \"Infinity\", \"-Infinity\"");
    }

    private static OptionalDouble optionalNumber(JsonNode row, String field, String where) {
        JsonNode node = row.get(field);
        return node == null || node.isNull() ? OptionalDouble.empty() : OptionalDouble.of(number(row, field, where));
    }

    private static long whole(JsonNode row, String field, String where) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(where + ": no " + field, "every row needs \"" + field + "\"");
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            throw ApiException.badRequest(where + ": " + field + " is not a whole number",
                    "give a whole JSON number");
        }
        return node.longValue();
    }

    private static OptionalInt optionalWhole(JsonNode row, String field, String where) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiException.badRequest(where + ": " + field + " is not a whole number",
                    "give a whole JSON number");
        }
        return OptionalInt.of(node.intValue());
    }

    private static Map<String, String> labels(JsonNode row, String where) {
        JsonNode node = row.get("labels");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(where + ": labels is not an object",
                    "give labels as {\"venue\": \"binance\", ...}");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> label = fields.next();
            if (!label.getValue().isTextual()) {
                throw ApiException.badRequest(where + ": label '" + label.getKey() + "' is not a string",
                        "label values are strings: write \"" + label.getValue().asText() + "\"");
            }
            labels.put(label.getKey(), label.getValue().textValue());
        }
        return labels;
    }
}
