package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Timestamps;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Writes rows to a {@code COPY ... FROM STDIN (FORMAT binary)} in PostgreSQL's binary copy format, a bounded buffer
 * at a time. Binary rather than text: doubles travel as their IEEE bits (NaN, the infinities and -0.0 exactly),
 * timestamps as microseconds, and text as raw UTF-8, so no value needs escaping and the server parses nothing.
 */
final class BinaryCopyStream {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00Z. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int FLUSH_AT = 1 << 20;
    /** The version byte that leads a jsonb value in binary form. */
    private static final byte JSONB_VERSION = 1;

    private final CopyIn copy;
    private byte[] buffer = new byte[FLUSH_AT + (64 << 10)];
    private int position;
    private long rows;
    // Names and labels repeat across a batch: keep the last few encodings (identity for labels maps).
    private final TextCache textCache = new TextCache();
    private Object lastLabels;
    private byte[] lastLabelsBytes;

    BinaryCopyStream(CopyIn copy) {
        this.copy = requireNonNull(copy, "copy is null");
        put(HEADER);
    }

    /** Starts a row of that many fields, flushing the buffer when it is full. */
    BinaryCopyStream row(int fields) throws SQLException {
        if (position >= FLUSH_AT) {
            flush();
        }
        putShort(fields);
        rows++;
        return this;
    }

    BinaryCopyStream timestamptz(Instant instant) {
        putInt(8);
        putLong(Timestamps.toEpochMicros(instant) - POSTGRES_EPOCH_MICROS);
        return this;
    }

    BinaryCopyStream float8(double value) {
        putInt(8);
        putLong(Double.doubleToLongBits(value));
        return this;
    }

    BinaryCopyStream float8(OptionalDouble value) {
        return value.isPresent() ? float8(value.getAsDouble()) : nullValue();
    }

    BinaryCopyStream int8(long value) {
        putInt(8);
        putLong(value);
        return this;
    }

    BinaryCopyStream int4(OptionalInt value) {
        if (value.isEmpty()) {
            return nullValue();
        }
        putInt(4);
        putInt(value.getAsInt());
        return this;
    }

    BinaryCopyStream text(String value) {
        byte[] bytes = textCache.encode(value);
        putInt(bytes.length);
        put(bytes);
        return this;
    }

    BinaryCopyStream text(Optional<String> value) {
        return value.isPresent() ? text(value.get()) : nullValue();
    }

    /**
     * @param identity the object the JSON was made from; the same object again reuses the encoding
     * @param json the JSON text
     */
    BinaryCopyStream jsonb(Object identity, Supplier<String> json) {
        if (identity != lastLabels || lastLabelsBytes == null) {
            lastLabels = identity;
            lastLabelsBytes = json.get().getBytes(StandardCharsets.UTF_8);
        }
        putInt(lastLabelsBytes.length + 1);
        ensure(1);
        buffer[position++] = JSONB_VERSION;
        put(lastLabelsBytes);
        return this;
    }

    BinaryCopyStream nullValue() {
        putInt(-1);
        return this;
    }

    /**
     * Ends the copy.
     *
     * @return the rows the server took
     */
    long finish() throws SQLException {
        putShort(-1);
        flush();
        long copied = copy.endCopy();
        if (copied != rows) {
            throw new SQLException("COPY stored " + copied + " rows of " + rows + " sent", "XX000");
        }
        return copied;
    }

    /** Abandons the copy (the surrounding transaction is rolled back anyway). */
    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the connection is being discarded or the transaction rolled back; nothing more to undo
        }
    }

    private void flush() throws SQLException {
        if (position > 0) {
            copy.writeToCopy(buffer, 0, position);
            position = 0;
        }
    }

    private void ensure(int bytes) {
        if (position + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
        }
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    private void putShort(int value) {
        ensure(2);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    private void putInt(int value) {
        ensure(4);
        buffer[position++] = (byte) (value >>> 24);
        buffer[position++] = (byte) (value >>> 16);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    /** A small cache of UTF-8 encodings: metric names and symbols repeat row after row. */
    private static final class TextCache {
        private static final int SIZE = 256;
        private final String[] keys = new String[SIZE];
        private final byte[][] values = new byte[SIZE][];

        byte[] encode(String text) {
            int slot = text.hashCode() & (SIZE - 1);
            if (text.equals(keys[slot])) {
                return values[slot];
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            keys[slot] = text;
            values[slot] = bytes;
            return bytes;
        }
    }
}
