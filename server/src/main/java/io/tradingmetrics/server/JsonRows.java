package io.tradingmetrics.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingmetrics.storage.api.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Reads the rows of a POST body: a JSON array of objects, or newline-delimited JSON (one object per line; a body
 * that is one object is one row). Every problem is a 400 that names where it is: {@code line 7} in NDJSON,
 * {@code element [3] (line 5)} in an array, so that a producer can find the row it sent wrong.
 */
final class JsonRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Turns one JSON object into a row; {@code where} names it for messages. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(JsonNode row, String where);
    }

    private JsonRows() {}

    /**
     * @param what the rows' name for messages, for example {@code points}
     * @throws ApiException a 400 naming the line or element, or a 413 from the body's limit
     */
    static <T> List<T> read(InputStream body, String what, RowReader<T> reader) {
        requireNonNull(reader, "reader is null");
        List<T> rows = new ArrayList<>();
        try (PushbackInputStream in = new PushbackInputStream(requireNonNull(body, "body is null"), 1);
             JsonParser parser = MAPPER.getFactory().createParser(skipBom(in))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ApiException.badRequest("the body holds no " + what,
                        "send a JSON array of " + what + " or one JSON object per line (NDJSON)");
            }
            if (first == JsonToken.START_ARRAY) {
                readArray(parser, what, reader, rows);
            } else {
                readLines(parser, first, what, reader, rows);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiException.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage(),
                    "send a JSON array of " + what + " or one JSON object per line (NDJSON)");
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage(), "send the request again");
        }
        if (rows.isEmpty()) {
            throw ApiException.badRequest("the body holds no " + what, "send at least one");
        }
        return rows;
    }

    private static <T> void readArray(JsonParser parser, String what, RowReader<T> reader, List<T> rows)
            throws IOException {
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw ApiException.badRequest("the JSON array of " + what + " ends before its closing ]",
                        "send the whole array");
            }
            String where = "element [" + index + "] (line " + parser.currentTokenLocation().getLineNr() + ")";
            rows.add(readRow(parser, token, where, reader));
            index++;
        }
        if (parser.nextToken() != null) {
            throw ApiException.badRequest("the body goes on after the array of " + what + " (line "
                    + parser.currentTokenLocation().getLineNr() + ")", "send one array, or NDJSON without [ ]");
        }
    }

    private static <T> void readLines(JsonParser parser, JsonToken first, String what, RowReader<T> reader,
                                      List<T> rows) throws IOException {
        int previousLine = 0;
        for (JsonToken token = first; token != null; token = parser.nextToken()) {
            int line = parser.currentTokenLocation().getLineNr();
            if (line == previousLine) {
                throw ApiException.badRequest("line " + line + " holds more than one JSON value",
                        "put one object per line (NDJSON), or send a JSON array");
            }
            previousLine = line;
            rows.add(readRow(parser, token, "line " + line, reader));
        }
    }

    private static <T> T readRow(JsonParser parser, JsonToken token, String where, RowReader<T> reader)
            throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw ApiException.badRequest(where + " is " + describe(token) + ", not an object",
                    "send each row as a JSON object like {\"metric\": \"price\", \"value\": 1.5, \"time\": ...}");
        }
        JsonNode row = parser.readValueAsTree();
        try {
            return reader.read(row, where);
        } catch (InvalidInputException e) {
            // The row's values broke a rule of the store (a name, a size): say which row.
            String[] problemAndWayOut = ErrorResponses.splitWayOut(e.getMessage());
            throw ApiException.badRequest(where + ": " + problemAndWayOut[0], problemAndWayOut[1]);
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** A UTF-8 byte order mark (some Windows tools write one) is not JSON: drop it. */
    private static InputStream skipBom(PushbackInputStream in) throws IOException {
        int b = in.read();
        if (b == 0xEF) {
            if (in.read() != 0xBB || in.read() != 0xBF) {
                throw ApiException.badRequest("the body starts with a broken UTF-8 byte order mark",
                        "send UTF-8 JSON");
            }
        } else if (b >= 0) {
            in.unread(b);
        }
        return in;
    }
}
