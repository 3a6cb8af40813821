package io.tradingmetrics.cutover;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.Timestamps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The acknowledgement log of {@link SteadyWriterApp}: one line per acknowledged write, enough to rebuild every row
 * it wrote. {@code P SYMBOL FIRST_MICROS COUNT}: points {@code 0..COUNT-1} of metric {@link SteadyWriterApp#METRIC}
 * at {@code FIRST_MICROS + i} with value {@code i}. {@code C MICROS SYMBOL CLOSE}: a candle upsert.
 * A torn last line (the app killed while writing it) is ignored: that write was not acknowledged yet.
 */
final class AckLog {
    private AckLog() {}

    static List<MetricPoint> points(String symbol, long firstMicros, int count) {
        List<MetricPoint> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(MetricPoint.of(Timestamps.fromEpochMicros(firstMicros + i), SteadyWriterApp.METRIC, i, symbol,
                    Map.of("n", Integer.toString(i % 7))));
        }
        return points;
    }

    static Candle candle(Instant minute, String symbol, double close) {
        return new Candle(minute, symbol, close - 1, close + 1, close - 2, close, 10);
    }

    static String pointsLine(String symbol, long firstMicros, int count) {
        return "P " + symbol + " " + firstMicros + " " + count + "\n";
    }

    static String candleLine(Candle candle) {
        return "C " + Timestamps.toEpochMicros(candle.timestamp()) + " " + candle.symbol() + " " + candle.close()
                + "\n";
    }

    /** What a log says was acknowledged. */
    record Acknowledged(List<String[]> pointBatches, Map<String, Candle> lastCandles) {
        long points() {
            return pointBatches.stream().mapToLong(b -> Long.parseLong(b[3])).sum();
        }

        /** @return every acknowledged point */
        List<MetricPoint> allPoints() {
            List<MetricPoint> all = new ArrayList<>();
            for (String[] batch : pointBatches) {
                all.addAll(AckLog.points(batch[1], Long.parseLong(batch[2]), Integer.parseInt(batch[3])));
            }
            return all;
        }
    }

    static Acknowledged read(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        List<String[]> batches = new ArrayList<>();
        Map<String, Candle> candles = new LinkedHashMap<>();
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return new Acknowledged(batches, candles);
        }
        for (String line : text.substring(0, end).split("\n")) {
            String[] fields = line.split(" ");
            if (fields[0].equals("P")) {
                batches.add(fields);
            } else {
                Candle candle = candle(Timestamps.fromEpochMicros(Long.parseLong(fields[1])), fields[2],
                        Double.parseDouble(fields[3]));
                candles.put(key(candle), candle);
            }
        }
        return new Acknowledged(batches, candles);
    }

    static String key(Candle candle) {
        return candle.timestamp() + " " + candle.symbol();
    }
}
