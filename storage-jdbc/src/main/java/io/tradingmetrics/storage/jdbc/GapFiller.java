package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Fills the empty buckets of aggregated series, the same way for every store. Done after the query rather than in
 * SQL because TimescaleDB's Apache-2 edition has no {@code time_bucket_gapfill} and plain PostgreSQL none at all.
 */
public final class GapFiller {
    private GapFiller() {}

    /**
     * @param buckets the buckets with points, ordered by symbol then bucket start (as stores return them)
     * @return every bucket that holds an instant of the range (the first may start before it), per series present
     *         in {@code buckets}, filled as asked; no series, no buckets
     */
    public static List<AggregatedBucket> fill(List<AggregatedBucket> buckets, TimeRange range, Interval interval,
                                              GapFill mode) {
        if (mode == GapFill.NONE) {
            return buckets;
        }
        Map<Optional<String>, Map<Instant, AggregatedBucket>> series = new LinkedHashMap<>();
        for (AggregatedBucket bucket : buckets) {
            series.computeIfAbsent(bucket.symbol(), s -> new LinkedHashMap<>()).put(bucket.bucketStart(), bucket);
        }
        List<AggregatedBucket> filled = new ArrayList<>();
        for (Map.Entry<Optional<String>, Map<Instant, AggregatedBucket>> entry : series.entrySet()) {
            filled.addAll(fillSeries(entry.getKey(), entry.getValue(), range, interval, mode));
        }
        return filled;
    }

    private static List<AggregatedBucket> fillSeries(Optional<String> symbol, Map<Instant, AggregatedBucket> present,
                                                     TimeRange range, Interval interval, GapFill mode) {
        List<AggregatedBucket> out = new ArrayList<>();
        Instant start = interval.bucketStart(range.from());
        // A bucket that starts before the range but holds points of it is kept as the query returned it.
        for (Instant bucket = start; bucket.isBefore(range.to()); bucket = interval.next(bucket)) {
            AggregatedBucket found = present.get(bucket);
            out.add(found != null ? found : new AggregatedBucket(bucket, symbol, OptionalDouble.empty(), 0));
        }
        if (mode == GapFill.PREVIOUS) {
            OptionalDouble previous = OptionalDouble.empty();
            for (int i = 0; i < out.size(); i++) {
                AggregatedBucket bucket = out.get(i);
                if (bucket.sampleCount() == 0) {
                    out.set(i, new AggregatedBucket(bucket.bucketStart(), symbol, previous, 0));
                } else if (bucket.value().isPresent()) {
                    previous = bucket.value();
                }
            }
        } else if (mode == GapFill.LINEAR) {
            interpolate(out, symbol);
        }
        return out;
    }

    private static void interpolate(List<AggregatedBucket> out, Optional<String> symbol) {
        int previous = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).value().isEmpty()) {
                continue;
            }
            if (previous >= 0 && i - previous > 1) {
                double x0 = out.get(previous).bucketStart().toEpochMilli();
                double y0 = out.get(previous).value().getAsDouble();
                double x1 = out.get(i).bucketStart().toEpochMilli();
                double y1 = out.get(i).value().getAsDouble();
                for (int j = previous + 1; j < i; j++) {
                    AggregatedBucket gap = out.get(j);
                    if (gap.sampleCount() == 0) {
                        double x = gap.bucketStart().toEpochMilli();
                        double y = y0 + (y1 - y0) * (x - x0) / (x1 - x0);
                        out.set(j, new AggregatedBucket(gap.bucketStart(), symbol, OptionalDouble.of(y), 0));
                    }
                }
            }
            previous = i;
        }
    }
}
