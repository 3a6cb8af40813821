package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The writes a dual store accepted after a point of its outbox ({@link DualState#pendingWrites}): where each table's
 * rows may have changed on the primary since then. A write is in the outbox before it reaches the primary, so a row
 * of the primary outside these ranges is as it was at that point.
 *
 * @param afterSeq the outbox sequence number the writes come after (the last one the secondary holds)
 * @param lastSeq the last sequence number read, {@code afterSeq} when none came after
 * @param touched per table, the sorted, merged time ranges [from, to) the writes touched (a table missing: none);
 *        when they get many, close ones are merged, so a range may cover rows no write touched
 */
public record PendingWrites(long afterSeq, long lastSeq, Map<StoreTable, List<TimeRange>> touched) {
    public PendingWrites {
        requireNonNull(touched, "touched is null");
        EnumMap<StoreTable, List<TimeRange>> copied = new EnumMap<>(StoreTable.class);
        touched.forEach((table, ranges) -> copied.put(table, List.copyOf(ranges)));
        touched = java.util.Collections.unmodifiableMap(copied);
    }

    /** @return whether a write after {@code afterSeq} touched that timestamp of the table */
    public boolean touches(StoreTable table, Instant timestamp) {
        for (TimeRange range : touched.getOrDefault(table, List.of())) {
            if (!timestamp.isBefore(range.from()) && timestamp.isBefore(range.to())) {
                return true;
            }
        }
        return false;
    }

    /** @return these ranges and the other's, per table merged */
    public PendingWrites plus(PendingWrites other) {
        EnumMap<StoreTable, List<TimeRange>> merged = new EnumMap<>(StoreTable.class);
        touched.forEach(merged::put);
        other.touched.forEach((table, ranges) -> {
            List<TimeRange> into = merged.getOrDefault(table, List.of());
            for (TimeRange range : ranges) {
                into = Ranges.union(into, range);
            }
            merged.put(table, into);
        });
        return new PendingWrites(Math.min(afterSeq, other.afterSeq), Math.max(lastSeq, other.lastSeq), merged);
    }

    /** @return whether every range of {@code other} lies within one of these, per table */
    public boolean covers(PendingWrites other) {
        for (Map.Entry<StoreTable, List<TimeRange>> entry : other.touched.entrySet()) {
            for (TimeRange range : entry.getValue()) {
                boolean within = touched.getOrDefault(entry.getKey(), List.of()).stream()
                        .anyMatch(r -> !range.from().isBefore(r.from()) && !range.to().isAfter(r.to()));
                if (!within) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return the parts of these ranges within {@code range} */
    public PendingWrites within(TimeRange range) {
        requireNonNull(range, "range is null");
        EnumMap<StoreTable, List<TimeRange>> clipped = new EnumMap<>(StoreTable.class);
        touched.forEach((table, ranges) -> clipped.put(table, ranges.stream()
                .flatMap(r -> Ranges.from(r, range.from()).flatMap(f -> Ranges.before(f, range.to())).stream())
                .toList()));
        return new PendingWrites(afterSeq, lastSeq, clipped);
    }

    /** @return how many ranges, all tables together */
    public int rangeCount() {
        return touched.values().stream().mapToInt(List::size).sum();
    }
}
