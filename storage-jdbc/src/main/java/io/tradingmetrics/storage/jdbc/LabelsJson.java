package io.tradingmetrics.storage.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Labels as the JSON object text stored in the {@code labels} column, with jackson's streaming API.
 *
 * <p>Writing puts keys in sorted order so that equal maps give equal text. Reading accepts what the older Python
 * system wrote: a value that is not a JSON string (number, boolean, null, object, array) is returned as its JSON
 * text, so that such labels stay readable and can still be matched. A NULL column, an empty text and {@code {}} are
 * the empty map.
 */
public final class LabelsJson {
    /** The text of the empty map. */
    public static final String EMPTY = "{}";

    /**
     * Set here rather than left to jackson's process-wide defaults, which any library of the app may lower: every
     * label that {@link io.tradingmetrics.storage.api.StoreLimits} lets through must read back. A key or value is at
     * most a few thousand UTF-8 bytes, hence characters, far below these; nesting only occurs in labels the older
     * system wrote.
     */
    private static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.builder()
            .maxNameLength(50_000).maxStringLength(20_000_000).maxNestingDepth(1_000).maxNumberLength(1_000).build();
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(READ_LIMITS).build();

    private LabelsJson() {}

    /** @return the labels as a JSON object text, keys sorted */
    public static String write(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return EMPTY;
        }
        String[] keys = labels.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        StringWriter text = new StringWriter(16 * keys.length + 2);
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            for (String key : keys) {
                json.writeStringField(key, labels.get(key));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write labels as JSON", e);
        }
        return text.toString();
    }

    /**
     * @param text a JSON object text, or null
     * @return the labels, an immutable map without a defined order (as {@code MetricPoint} keeps them); a key that
     *         occurs twice in the text keeps its last value
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static Map<String, String> read(String text) {
        if (text == null || text.isEmpty() || EMPTY.equals(text)) {
            return Map.of();
        }
        try (JsonParser json = FACTORY.createParser(text)) {
            JsonToken start = json.nextToken();
            if (start == JsonToken.VALUE_NULL) {
                return Map.of();
            }
            if (start != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("labels are not a JSON object: " + abbreviate(text));
            }
            Map<String, String> labels = new HashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = json.currentName();
                JsonToken valueToken = json.nextToken();
                labels.put(key, valueText(json, valueToken));
            }
            return Map.copyOf(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("labels are not valid JSON (" + e.getOriginalMessage() + "): "
                    + abbreviate(text), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labels", e);
        }
    }

    private static String valueText(JsonParser json, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            StringWriter nested = new StringWriter();
            try (JsonGenerator copy = FACTORY.createGenerator(nested)) {
                copy.copyCurrentStructure(json);
            }
            return nested.toString();
        }
        // Numbers keep the text they were written with (getText does not reformat them); true, false, null as such.
        return json.getText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
