package io.tradingmetrics.storage.tck.support;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Candle roll-ups and candles from metric points, as the SPI defines them. */
final class ReferenceCandles {
    private ReferenceCandles() {}

    /** The order candles come back in: by time, then symbol. */
    static final Comparator<Candle> BY_TIME_THEN_SYMBOL =
            Comparator.comparing(Candle::timestamp).thenComparing(Candle::symbol);

    private record Key(Instant bucketStart, String symbol) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byTime = bucketStart.compareTo(other.bucketStart);
            return byTime != 0 ? byTime : symbol.compareTo(other.symbol);
        }
    }

    static List<Candle> rollUp(List<Candle> candles, Interval interval) {
        Map<Key, List<Candle>> buckets = new TreeMap<>();
        for (Candle candle : candles) {
            buckets.computeIfAbsent(new Key(interval.bucketStart(candle.timestamp()), candle.symbol()),
                    k -> new ArrayList<>()).add(candle);
        }
        List<Candle> out = new ArrayList<>();
        buckets.forEach((key, members) -> {
            Candle first = members.stream().min(Comparator.comparing(Candle::timestamp)).orElseThrow();
            Candle last = members.stream().max(Comparator.comparing(Candle::timestamp)).orElseThrow();
            double high = members.stream().mapToDouble(Candle::high).max().orElseThrow();
            double low = members.stream().mapToDouble(Candle::low).min().orElseThrow();
            long volume = members.stream().mapToLong(Candle::volume).sum();
            out.add(new Candle(key.bucketStart(), key.symbol(), first.open(), high, low, last.close(), volume));
        });
        return out;
    }

    /**
     * @param prices the price metric's points of the query (range and symbol applied, points without symbol
     *               already left out)
     * @param volumes the volume metric's points, likewise; ignored when the query names no volume metric
     */
    static List<Candle> fromMetrics(List<MetricPoint> prices, List<MetricPoint> volumes, MetricCandleQuery query) {
        Interval interval = query.interval();
        Map<Key, List<MetricPoint>> priceBuckets = new TreeMap<>();
        for (MetricPoint point : prices) {
            priceBuckets.computeIfAbsent(new Key(interval.bucketStart(point.timestamp()), point.symbol().orElseThrow()),
                    k -> new ArrayList<>()).add(point);
        }
        Map<Key, BigDecimal> volumeSums = new TreeMap<>();
        for (MetricPoint point : volumes) {
            volumeSums.merge(new Key(interval.bucketStart(point.timestamp()), point.symbol().orElseThrow()),
                    new BigDecimal(point.value()), BigDecimal::add);
        }
        List<Candle> out = new ArrayList<>();
        priceBuckets.forEach((key, members) -> {
            Comparator<MetricPoint> byTime = Comparator.comparing(MetricPoint::timestamp);
            double open = members.stream().min(byTime).orElseThrow().value();
            double close = members.stream().max(byTime).orElseThrow().value();
            double high = members.stream().mapToDouble(MetricPoint::value).max().orElseThrow();
            double low = members.stream().mapToDouble(MetricPoint::value).min().orElseThrow();
            long volume = query.volumeMetric().isEmpty() ? members.size()
                    // HALF_UP on BigDecimal rounds half away from zero, as the SPI asks.
                    : volumeSums.getOrDefault(key, BigDecimal.ZERO).setScale(0, RoundingMode.HALF_UP).longValueExact();
            out.add(new Candle(key.bucketStart(), key.symbol(), open, high, low, close, volume));
        });
        return out;
    }
}
