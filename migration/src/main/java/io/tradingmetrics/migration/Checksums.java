package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.Timestamps;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * 64-bit hashes of the canonical form of a row, the same on every store: timestamp as epoch microseconds, texts as
 * UTF-16 code units with their length, doubles as raw bits (every NaN made one NaN; -0.0 stays distinct from 0.0),
 * absent values distinct from present ones, labels sorted by key so that key order does not matter.
 * A table's checksum is the SUM of its rows' hashes: independent of row order, yet a duplicated row changes it
 * (which an XOR would not).
 */
public final class Checksums {
    private static final long METRIC_TAG = 0x6d65747269630001L;
    private static final long CANDLE_TAG = 0x63616e646c650002L;
    private static final long PERFORMANCE_TAG = 0x7065726600000003L;
    private static final long CANONICAL_NAN = 0x7ff8000000000000L;

    private Checksums() {}

    /** @return the hash of a metric point */
    public static long hash(MetricPoint point) {
        Hasher hasher = new Hasher(METRIC_TAG)
                .add(micros(point.timestamp()))
                .add(point.metricName())
                .add(point.value());
        if (point.symbol().isPresent()) {
            hasher.add(1).add(point.symbol().get());
        } else {
            hasher.add(0);
        }
        Map<String, String> labels = point.labels();
        hasher.add(labels.size());
        if (labels.size() == 1) {
            labels.forEach((key, value) -> hasher.add(key).add(value));
        } else if (!labels.isEmpty()) {
            String[] keys = labels.keySet().toArray(new String[0]);
            Arrays.sort(keys);
            for (String key : keys) {
                hasher.add(key).add(labels.get(key));
            }
        }
        return hasher.finish();
    }

    /** @return the hash of a candle */
    public static long hash(Candle candle) {
        return new Hasher(CANDLE_TAG)
                .add(micros(candle.timestamp()))
                .add(candle.symbol())
                .add(candle.open())
                .add(candle.high())
                .add(candle.low())
                .add(candle.close())
                .add(candle.volume())
                .finish();
    }

    /** @return the hash of a performance snapshot */
    public static long hash(PerformanceSnapshot snapshot) {
        Hasher hasher = new Hasher(PERFORMANCE_TAG)
                .add(micros(snapshot.timestamp()))
                .add(snapshot.portfolioValue())
                .add(snapshot.pnl());
        add(hasher, snapshot.sharpeRatio());
        add(hasher, snapshot.maxDrawdown());
        add(hasher, snapshot.winRate());
        OptionalInt trades = snapshot.totalTrades();
        if (trades.isPresent()) {
            hasher.add(1).add(trades.getAsInt());
        } else {
            hasher.add(0);
        }
        return hasher.finish();
    }

    private static void add(Hasher hasher, OptionalDouble value) {
        if (value.isPresent()) {
            hasher.add(1).add(value.getAsDouble());
        } else {
            hasher.add(0);
        }
    }

    private static long micros(Instant instant) {
        return Timestamps.toEpochMicros(instant);
    }

    /** Feeds 64-bit words through a multiply-rotate mix; finishes with the MurmurHash3 finalizer. */
    private static final class Hasher {
        private long state;

        Hasher(long seed) {
            state = seed;
        }

        Hasher add(long word) {
            state = Long.rotateLeft(state ^ fmix(word), 29) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
            return this;
        }

        Hasher add(double value) {
            return add(Double.isNaN(value) ? CANONICAL_NAN : Double.doubleToRawLongBits(value));
        }

        Hasher add(String text) {
            int length = text.length();
            add(length);
            int i = 0;
            for (; i + 4 <= length; i += 4) {
                add((long) text.charAt(i) << 48 | (long) text.charAt(i + 1) << 32
                        | (long) text.charAt(i + 2) << 16 | text.charAt(i + 3));
            }
            long tail = 0;
            for (; i < length; i++) {
                tail = tail << 16 | text.charAt(i);
            }
            return length % 4 == 0 ? this : add(tail);
        }

        long finish() {
            return fmix(state);
        }

        private static long fmix(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            k *= 0xc4ceb9fe1a85ec53L;
            k ^= k >>> 33;
            return k;
        }
    }
}
