package io.tradingmetrics.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Writes JSON responses as they are generated, so that a big answer is never held as text: the store's answer is
 * read first (its errors become error responses), then streamed. The encoding every route shares (see
 * {@code server/HTTP-API.md}): an instant is two fields, {@code <name>} in ISO-8601 UTC as precise as stored and
 * {@code <name>Ms} in epoch milliseconds; a double JSON cannot carry is the string {@code "NaN"}, {@code "Infinity"}
 * or {@code "-Infinity"}; an absent value is {@code null}.
 */
public final class JsonOutput {
    /** The content type of every JSON response. */
    public static final String CONTENT_TYPE = "application/json";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonOutput() {}

    /** What writes one response body. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    /** Answers with the status and the body, streamed. A client that went away is not an error. */
    public static void respond(Context ctx, int status, Body body) {
        ctx.status(status).contentType(CONTENT_TYPE);
        try (JsonGenerator json = generator(ctx.outputStream())) {
            body.write(json);
        } catch (IOException e) {
            // The client closed the connection: nothing to answer to.
        }
    }

    /** @return a generator on the stream; closing it flushes and closes the stream */
    public static JsonGenerator generator(OutputStream out) {
        try {
            return FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code name} (ISO-8601 UTC) and {@code nameMs} (epoch milliseconds). */
    public static void instant(JsonGenerator json, String name, Instant instant) throws IOException {
        json.writeStringField(name, instant.toString());
        json.writeNumberField(name + "Ms", instant.toEpochMilli());
    }

    /** Writes both fields of {@link #instant}, each {@code null} when absent. */
    public static void instant(JsonGenerator json, String name, Optional<Instant> instant) throws IOException {
        if (instant.isPresent()) {
            instant(json, name, instant.get());
        } else {
            json.writeNullField(name);
            json.writeNullField(name + "Ms");
        }
    }

    /** Writes a double as a number, or as {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. */
    public static void number(JsonGenerator json, String name, double value) throws IOException {
        json.writeFieldName(name);
        number(json, value);
    }

    /** Writes a double value as {@link #number(JsonGenerator, String, double)} does. */
    public static void number(JsonGenerator json, double value) throws IOException {
        if (Double.isNaN(value)) {
            json.writeString("NaN");
        } else if (Double.isInfinite(value)) {
            json.writeString(value > 0 ? "Infinity" : "-Infinity");
        } else {
            json.writeNumber(value);
        }
    }

    public static void number(JsonGenerator json, String name, OptionalDouble value) throws IOException {
        if (value.isPresent()) {
            number(json, name, value.getAsDouble());
        } else {
            json.writeNullField(name);
        }
    }

    public static void number(JsonGenerator json, String name, OptionalInt value) throws IOException {
        if (value.isPresent()) {
            json.writeNumberField(name, value.getAsInt());
        } else {
            json.writeNullField(name);
        }
    }

    public static void number(JsonGenerator json, String name, OptionalLong value) throws IOException {
        if (value.isPresent()) {
            json.writeNumberField(name, value.getAsLong());
        } else {
            json.writeNullField(name);
        }
    }

    public static void text(JsonGenerator json, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(name, value.get());
        } else {
            json.writeNullField(name);
        }
    }
}
