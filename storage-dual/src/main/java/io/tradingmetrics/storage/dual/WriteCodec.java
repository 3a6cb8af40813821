package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import io.tradingmetrics.storage.api.WriteId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The outbox's binary form of a write. Compact, since it is written on the caller's thread: texts (metric names,
 * symbols, label keys and values) and whole label maps are written once per record and referred to by number after;
 * timestamps are deltas in microseconds. Decoding builds the API's records again, which check themselves.
 */
final class WriteCodec {
    private static final byte POINTS = 1;
    private static final byte CANDLES = 2;
    private static final byte PERFORMANCE = 3;
    private static final byte DELETE_RANGE = 4;
    private static final byte DELETE_OLDER = 5;

    private WriteCodec() {}

    static byte[] encode(MirroredWrite write) {
        Out out = new Out(64);
        if (write instanceof MirroredWrite.Points p) {
            out.put(POINTS);
            writeId(out, p.writeId());
            out.varLong(p.points().size());
            out.ensure(p.points().size() * 16); // about what a point takes: grown once, not a dozen times
            Map<String, Integer> texts = new HashMap<>();
            Map<Map<String, String>, Integer> labelSets = new HashMap<>();
            // Apps mostly pass one map per series again and again: found by identity, it is not hashed per point.
            Map<Map<String, String>, Integer> sameLabelSets = new IdentityHashMap<>();
            long previous = 0;
            for (MetricPoint point : p.points()) {
                long micros = Timestamps.toEpochMicros(point.timestamp());
                out.zigZag(micros - previous);
                previous = micros;
                out.putDouble(point.value());
                text(out, texts, point.metricName());
                if (point.symbol().isPresent()) {
                    out.put((byte) 1);
                    text(out, texts, point.symbol().get());
                } else {
                    out.put((byte) 0);
                }
                Integer set = sameLabelSets.computeIfAbsent(point.labels(), labelSets::get);
                if (set != null) {
                    out.varLong(set + 1L);
                } else {
                    out.varLong(0);
                    sameLabelSets.put(point.labels(), labelSets.size());
                    labelSets.put(point.labels(), labelSets.size());
                    out.varLong(point.labels().size());
                    for (Map.Entry<String, String> label : new TreeMap<>(point.labels()).entrySet()) {
                        text(out, texts, label.getKey());
                        text(out, texts, label.getValue());
                    }
                }
            }
        } else if (write instanceof MirroredWrite.Candles c) {
            out.put(CANDLES);
            writeId(out, c.writeId());
            out.varLong(c.candles().size());
            Map<String, Integer> texts = new HashMap<>();
            for (Candle candle : c.candles()) {
                out.zigZag(Timestamps.toEpochMicros(candle.timestamp()));
                text(out, texts, candle.symbol());
                out.putDouble(candle.open());
                out.putDouble(candle.high());
                out.putDouble(candle.low());
                out.putDouble(candle.close());
                out.varLong(candle.volume());
            }
        } else if (write instanceof MirroredWrite.Performance s) {
            out.put(PERFORMANCE);
            writeId(out, s.writeId());
            out.varLong(s.snapshots().size());
            for (PerformanceSnapshot snapshot : s.snapshots()) {
                out.zigZag(Timestamps.toEpochMicros(snapshot.timestamp()));
                out.putDouble(snapshot.portfolioValue());
                out.putDouble(snapshot.pnl());
                optional(out, snapshot.sharpeRatio());
                optional(out, snapshot.maxDrawdown());
                optional(out, snapshot.winRate());
                if (snapshot.totalTrades().isPresent()) {
                    out.put((byte) 1);
                    out.zigZag(snapshot.totalTrades().getAsInt());
                } else {
                    out.put((byte) 0);
                }
            }
        } else if (write instanceof MirroredWrite.DeleteRange d) {
            out.put(DELETE_RANGE);
            out.put((byte) d.table().ordinal());
            out.zigZag(Timestamps.toEpochMicros(d.range().from()));
            out.zigZag(Timestamps.toEpochMicros(d.range().to()));
        } else if (write instanceof MirroredWrite.DeleteOlder o) {
            out.put(DELETE_OLDER);
            out.zigZag(Timestamps.toEpochMicros(o.cutoff()));
        } else {
            throw new IllegalArgumentException("unknown write " + write);
        }
        return out.bytes();
    }

    static MirroredWrite decode(ByteBuffer in) {
        byte kind = in.get();
        switch (kind) {
            case POINTS -> {
                WriteId id = writeId(in);
                int count = (int) varLong(in);
                List<MetricPoint> points = new ArrayList<>(count);
                List<String> texts = new ArrayList<>();
                List<Map<String, String>> labelSets = new ArrayList<>();
                long micros = 0;
                for (int i = 0; i < count; i++) {
                    micros += zigZag(in);
                    double value = in.getDouble();
                    String metric = text(in, texts);
                    Optional<String> symbol = in.get() == 1 ? Optional.of(text(in, texts)) : Optional.empty();
                    long set = varLong(in);
                    Map<String, String> labels;
                    if (set == 0) {
                        int size = (int) varLong(in);
                        Map<String, String> read = new HashMap<>(size * 2);
                        for (int l = 0; l < size; l++) {
                            read.put(text(in, texts), text(in, texts));
                        }
                        labels = Map.copyOf(read);
                        labelSets.add(labels);
                    } else {
                        labels = labelSets.get((int) set - 1);
                    }
                    points.add(new MetricPoint(Timestamps.fromEpochMicros(micros), metric, value, symbol, labels));
                }
                return new MirroredWrite.Points(id, points);
            }
            case CANDLES -> {
                WriteId id = writeId(in);
                int count = (int) varLong(in);
                List<Candle> candles = new ArrayList<>(count);
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    Instant at = Timestamps.fromEpochMicros(zigZag(in));
                    String symbol = text(in, texts);
                    candles.add(new Candle(at, symbol, in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(),
                            varLong(in)));
                }
                return new MirroredWrite.Candles(id, candles);
            }
            case PERFORMANCE -> {
                WriteId id = writeId(in);
                int count = (int) varLong(in);
                List<PerformanceSnapshot> snapshots = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    Instant at = Timestamps.fromEpochMicros(zigZag(in));
                    double value = in.getDouble();
                    double pnl = in.getDouble();
                    OptionalDouble sharpe = optional(in);
                    OptionalDouble drawdown = optional(in);
                    OptionalDouble winRate = optional(in);
                    OptionalInt trades = in.get() == 1 ? OptionalInt.of((int) zigZag(in)) : OptionalInt.empty();
                    snapshots.add(new PerformanceSnapshot(at, value, pnl, sharpe, drawdown, winRate, trades));
                }
                return new MirroredWrite.Performance(id, snapshots);
            }
            case DELETE_RANGE -> {
                StoreTable table = StoreTable.values()[in.get()];
                Instant from = Timestamps.fromEpochMicros(zigZag(in));
                Instant to = Timestamps.fromEpochMicros(zigZag(in));
                return new MirroredWrite.DeleteRange(table, TimeRange.of(from, to));
            }
            case DELETE_OLDER -> {
                return new MirroredWrite.DeleteOlder(Timestamps.fromEpochMicros(zigZag(in)));
            }
            default -> throw new IllegalStateException("unknown record kind " + kind);
        }
    }

    private static void writeId(Out out, WriteId id) {
        out.putLong(id.value().getMostSignificantBits());
        out.putLong(id.value().getLeastSignificantBits());
    }

    private static WriteId writeId(ByteBuffer in) {
        return new WriteId(new UUID(in.getLong(), in.getLong()));
    }

    private static void text(Out out, Map<String, Integer> texts, String text) {
        Integer known = texts.get(text);
        if (known != null) {
            out.varLong(known + 1L);
            return;
        }
        texts.put(text, texts.size());
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.varLong(0);
        out.varLong(utf8.length);
        out.put(utf8);
    }

    private static String text(ByteBuffer in, List<String> texts) {
        long ref = varLong(in);
        if (ref != 0) {
            return texts.get((int) ref - 1);
        }
        int length = (int) varLong(in);
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        texts.add(text);
        return text;
    }

    private static void optional(Out out, OptionalDouble value) {
        if (value.isPresent()) {
            out.put((byte) 1);
            out.putDouble(value.getAsDouble());
        } else {
            out.put((byte) 0);
        }
    }

    private static OptionalDouble optional(ByteBuffer in) {
        return in.get() == 1 ? OptionalDouble.of(in.getDouble()) : OptionalDouble.empty();
    }

    private static long varLong(ByteBuffer in) {
        long value = 0;
        int shift = 0;
        while (true) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
            shift += 7;
        }
    }

    private static long zigZag(ByteBuffer in) {
        long raw = varLong(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A growable byte array; not synchronized (one encoding thread). */
    static final class Out {
        private byte[] buffer;
        private int size;

        Out(int capacity) {
            buffer = new byte[capacity];
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        void put(byte b) {
            ensure(1);
            buffer[size++] = b;
        }

        void put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        void putLong(long v) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                buffer[size++] = (byte) (v >>> (i * 8));
            }
        }

        void putDouble(double v) {
            putLong(Double.doubleToRawLongBits(v));
        }

        void varLong(long v) {
            ensure(10);
            while ((v & ~0x7fL) != 0) {
                buffer[size++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buffer[size++] = (byte) v;
        }

        void zigZag(long v) {
            varLong((v << 1) ^ (v >> 63));
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
