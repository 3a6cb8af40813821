package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Small helpers on half-open time ranges. */
final class Ranges {
    /** Timestamps closer than this share one range to copy, so that a late batch is a few copies, not thousands. */
    static final Duration CLUSTER_GAP = Duration.ofMinutes(1);
    /** The most ranges kept per table while mirroring is stopped; more are merged, the closest first. */
    static final int MAX_GAPS = 64;

    private Ranges() {}

    /** @return the part of the range before the instant, if any */
    static Optional<TimeRange> before(TimeRange range, Instant boundary) {
        Instant to = range.to().isAfter(boundary) ? boundary : range.to();
        return to.isAfter(range.from()) ? Optional.of(TimeRange.of(range.from(), to)) : Optional.empty();
    }

    /** @return the part of the range at or after the instant, if any */
    static Optional<TimeRange> from(TimeRange range, Instant boundary) {
        Instant from = range.from().isBefore(boundary) ? boundary : range.from();
        return range.to().isAfter(from) ? Optional.of(TimeRange.of(from, range.to())) : Optional.empty();
    }

    /** @return the sorted instants as ranges [first, last + 1µs), split where they lie further apart than the gap */
    static List<TimeRange> clusters(List<Instant> instants) {
        List<Instant> sorted = new ArrayList<>(instants);
        sorted.sort(Comparator.naturalOrder());
        List<TimeRange> ranges = new ArrayList<>();
        Instant start = null;
        Instant last = null;
        for (Instant instant : sorted) {
            if (start == null) {
                start = instant;
            } else if (Duration.between(last, instant).compareTo(CLUSTER_GAP) > 0) {
                ranges.add(TimeRange.of(start, last.plusNanos(1000)));
                start = instant;
            }
            last = instant;
        }
        if (start != null) {
            ranges.add(TimeRange.of(start, last.plusNanos(1000)));
        }
        return ranges;
    }

    /** @return the ranges with the new one added, overlapping or touching ones merged, at most {@link #MAX_GAPS} */
    static List<TimeRange> union(List<TimeRange> ranges, TimeRange added) {
        List<TimeRange> all = new ArrayList<>(ranges);
        all.add(added);
        all.sort(Comparator.comparing(TimeRange::from));
        List<TimeRange> merged = new ArrayList<>();
        for (TimeRange range : all) {
            TimeRange previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (previous != null && !range.from().isAfter(previous.to())) {
                Instant to = range.to().isAfter(previous.to()) ? range.to() : previous.to();
                merged.set(merged.size() - 1, TimeRange.of(previous.from(), to));
            } else {
                merged.add(range);
            }
        }
        while (merged.size() > MAX_GAPS) {
            int closest = 0;
            Duration smallest = null;
            for (int i = 0; i + 1 < merged.size(); i++) {
                Duration between = Duration.between(merged.get(i).to(), merged.get(i + 1).from());
                if (smallest == null || between.compareTo(smallest) < 0) {
                    smallest = between;
                    closest = i;
                }
            }
            merged.set(closest, TimeRange.of(merged.get(closest).from(), merged.get(closest + 1).to()));
            merged.remove(closest + 1);
        }
        return merged;
    }
}
