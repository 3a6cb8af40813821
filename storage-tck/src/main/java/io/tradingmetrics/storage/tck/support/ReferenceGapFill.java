package io.tradingmetrics.storage.tck.support;

import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Gap filling as {@link GapFill}'s javadoc describes it, applied to one series: every bucket from the one holding
 * the range's start up to the last one starting before the range's end.
 */
final class ReferenceGapFill {
    private ReferenceGapFill() {}

    static List<ExpectedBucket> fill(List<ExpectedBucket> present, Optional<String> symbol, TimeRange range,
                                     Interval interval, GapFill mode) {
        if (mode == GapFill.NONE) {
            return present;
        }
        Map<Instant, ExpectedBucket> byStart = new HashMap<>();
        present.forEach(bucket -> byStart.put(bucket.bucketStart(), bucket));
        List<ExpectedBucket> all = new ArrayList<>();
        for (Instant start = interval.bucketStart(range.from()); start.isBefore(range.to());
             start = interval.next(start)) {
            ExpectedBucket found = byStart.get(start);
            all.add(found != null ? found : ExpectedBucket.gap(start, symbol, OptionalDouble.empty(), 0.0));
        }
        return switch (mode) {
            case NONE, NULL -> all;
            case PREVIOUS -> carryForward(all);
            case LINEAR -> interpolate(all);
        };
    }

    private static List<ExpectedBucket> carryForward(List<ExpectedBucket> all) {
        List<ExpectedBucket> out = new ArrayList<>();
        ExpectedBucket previousValued = null;
        for (ExpectedBucket bucket : all) {
            if (bucket.sampleCount() > 0) {
                out.add(bucket);
                if (bucket.value().isPresent()) {
                    previousValued = bucket;
                }
            } else if (previousValued == null) {
                out.add(bucket);
            } else {
                out.add(ExpectedBucket.gap(bucket.bucketStart(), bucket.symbol(), previousValued.value(),
                        previousValued.scale()));
            }
        }
        return out;
    }

    /** Straight line in time between the nearest valued buckets on each side: y0 + (y1 - y0) * (t - t0) / (t1 - t0). */
    private static List<ExpectedBucket> interpolate(List<ExpectedBucket> all) {
        List<ExpectedBucket> out = new ArrayList<>(all);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).sampleCount() > 0) {
                continue;
            }
            ExpectedBucket before = nearestValued(all, i, -1);
            ExpectedBucket after = nearestValued(all, i, +1);
            if (before == null || after == null) {
                continue;
            }
            double t0 = before.bucketStart().toEpochMilli();
            double t1 = after.bucketStart().toEpochMilli();
            double t = all.get(i).bucketStart().toEpochMilli();
            double y0 = before.value().getAsDouble();
            double y1 = after.value().getAsDouble();
            double y = y0 + (y1 - y0) * (t - t0) / (t1 - t0);
            out.set(i, ExpectedBucket.gap(all.get(i).bucketStart(), all.get(i).symbol(), OptionalDouble.of(y),
                    Math.max(before.scale(), after.scale())));
        }
        return out;
    }

    private static ExpectedBucket nearestValued(List<ExpectedBucket> all, int from, int step) {
        for (int j = from + step; j >= 0 && j < all.size(); j += step) {
            if (all.get(j).value().isPresent()) {
                return all.get(j);
            }
        }
        return null;
    }
}
