package io.tradingmetrics.migration.csv;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tradingmetrics.migration.internal.InstantText;
import io.tradingmetrics.migration.internal.JsonTree;
import io.tradingmetrics.storage.api.Timestamps;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of field values: written in one exact form that reads back bit for bit, read in the forms this program,
 * {@code psql \copy ... CSV} and pandas {@code to_csv} write. A parse failure is an {@link IllegalArgumentException}
 * whose message names the problem; the caller adds file, line and column.
 */
public final class CsvValues {
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + " ?(Z|UTC|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvValues() {}

    /** @return the instant in ISO-8601 UTC with six fraction digits, for example 2024-03-01T12:00:00.123456Z */
    public static String formatTimestamp(Instant instant) {
        return InstantText.format(instant);
    }

    /**
     * Reads ISO-8601 with {@code T} or a space, 0 to 9 fraction digits (truncated to microseconds), an offset
     * {@code Z}, {@code +00}, {@code +05:45}, {@code +0545} or none (meaning UTC), or a date alone (midnight UTC).
     */
    public static Instant parseTimestamp(String text) {
        Matcher m = TIMESTAMP.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a timestamp; write ISO-8601 such as "
                    + "2024-03-01T12:00:00.123456Z or 2024-03-01 12:00:00.123456+00 (without offset it is read as UTC)");
        }
        try {
            String fraction = m.group(7) == null ? "" : m.group(7);
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), group(m, 4), group(m, 5), group(m, 6), nanos);
            Instant instant = local.toInstant(offset(m.group(8)));
            return Timestamps.normalize(instant, "timestamp");
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid timestamp: " + e.getMessage(), e);
        }
    }

    private static int group(Matcher m, int group) {
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }

    private static ZoneOffset offset(String text) {
        if (text == null || text.equalsIgnoreCase("Z") || text.equalsIgnoreCase("UTC")) {
            return ZoneOffset.UTC;
        }
        String digits = text.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
        int seconds = digits.length() >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 0;
        int sign = text.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes, sign * seconds);
    }

    /** @return text that {@link #parseDouble} reads back to the same bits (NaN, Infinity, -Infinity, -0.0 included) */
    public static String formatDouble(double value) {
        return Double.toString(value);
    }

    /**
     * Reads decimal and exponent forms, NaN, Infinity/inf in any case, with an optional sign. A decimal beyond the
     * range of a double is refused rather than read as an infinity or zero.
     */
    public static double parseDouble(String text) {
        String trimmed = text.trim();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                if (!DECIMAL.matcher(trimmed).matches()) {
                    throw new IllegalArgumentException("'" + text + "' is not a number; write a decimal such as "
                            + "-12.5 or 1.5E-7, or NaN, Infinity, -Infinity");
                }
                double value = Double.parseDouble(trimmed);
                if (Double.isInfinite(value)) {
                    throw new IllegalArgumentException("'" + text + "' is beyond the range of a double (whose "
                            + "largest magnitude is about 1.8E308); write Infinity or -Infinity if that is meant");
                }
                if (value == 0 && hasNonZeroDigit(trimmed)) {
                    throw new IllegalArgumentException("'" + text + "' is too close to zero for a double (below "
                            + "about 4.9E-324) and would be stored as 0; write 0 if that is meant");
                }
                return value;
            }
        }
    }

    /** @return whether the mantissa (the digits before any exponent) has a digit other than 0 */
    private static boolean hasNonZeroDigit(String decimal) {
        for (int i = 0; i < decimal.length(); i++) {
            char c = decimal.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Reads an integer, also written as an integral decimal (pandas writes {@code 12.0} for a column with gaps). */
    public static long parseLong(String text) {
        String trimmed = text.trim();
        if (!DECIMAL.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        try {
            return new BigDecimal(trimmed).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number in the range of a 64-bit integer");
        }
    }

    /** @return the labels as a JSON object with keys sorted, for example {@code {"venue":"binance"}} */
    public static String formatLabels(Map<String, String> labels) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JsonTree.STRICT.createGenerator(text)) {
            json.writeStartObject();
            String[] keys = labels.keySet().toArray(new String[0]);
            Arrays.sort(keys);
            for (String key : keys) {
                json.writeStringField(key, labels.get(key));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
        return text.toString();
    }

    /**
     * Reads a JSON object of labels; also Python's dict repr (single quotes). Number and boolean values become their
     * text. Empty text and {@code null} mean no labels.
     */
    public static Map<String, String> parseLabels(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.equals("null")) {
            return Map.of();
        }
        try (JsonParser json = JsonTree.LENIENT.createParser(trimmed)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("labels '" + text + "' are not a JSON object; write them as "
                        + "{\"key\": \"value\"}");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
                String key = json.currentName();
                JsonToken value = json.nextToken();
                switch (value) {
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                            labels.put(key, json.getText());
                    default -> throw new IllegalArgumentException("label '" + key + "' in '" + text + "' is "
                            + (value == JsonToken.VALUE_NULL ? "null" : "a nested JSON value")
                            + "; labels map names to texts, numbers or booleans");
                }
            }
            if (json.nextToken() != null) {
                throw new IllegalArgumentException("labels '" + text + "' have text after the JSON object");
            }
            return labels;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("labels '" + text + "' are not valid JSON ("
                    + e.getOriginalMessage() + "); write them as {\"key\": \"value\"}", e);
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from memory cannot fail", e);
        }
    }
}
