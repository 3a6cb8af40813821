package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.TimeRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Splits a table's time range into chunks of about a given number of rows, by halving time ranges and counting
 * (so that skewed data still gives even chunks), then merging neighbours that fit together. The chunks tile the
 * requested range exactly: the first starts at its start and the last ends at its end, so that rows anywhere in the
 * range (also in the target, outside the source's extent) belong to exactly one chunk.
 */
final class ChunkPlanner {
    /** A time range and how many source rows it held when planned. */
    record Span(TimeRange range, long rows) {}

    private final long chunkRows;
    private final ToLongFunction<TimeRange> count;

    /**
     * @param chunkRows the most rows a chunk should hold (a chunk of a single microsecond may hold more)
     * @param count counts the source's rows in a range
     */
    ChunkPlanner(long chunkRows, ToLongFunction<TimeRange> count) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be positive");
        }
        this.chunkRows = chunkRows;
        this.count = count;
    }

    /**
     * @param requested the range to tile
     * @param extent the range the source's rows lie in, empty when it has none
     */
    List<Span> plan(TimeRange requested, Optional<TimeRange> extent) {
        Optional<TimeRange> data = extent.flatMap(e -> TimeRanges.intersection(requested, e));
        if (data.isEmpty()) {
            return List.of(new Span(requested, 0));
        }
        List<Span> pieces = new ArrayList<>();
        split(data.get(), count.applyAsLong(data.get()), pieces);
        List<Span> merged = merge(pieces);
        Span first = merged.get(0);
        merged.set(0, new Span(TimeRange.of(requested.from(), first.range().to()), first.rows()));
        int lastIndex = merged.size() - 1;
        Span last = merged.get(lastIndex);
        merged.set(lastIndex, new Span(TimeRange.of(last.range().from(), requested.to()), last.rows()));
        return merged;
    }

    private void split(TimeRange range, long rows, List<Span> into) {
        if (rows <= chunkRows || TimeRanges.micros(range) < 2) {
            into.add(new Span(range, rows));
            return;
        }
        TimeRange left = TimeRange.of(range.from(), TimeRanges.middle(range));
        TimeRange right = TimeRange.of(left.to(), range.to());
        long leftRows = count.applyAsLong(left);
        split(left, leftRows, into);
        split(right, rows - leftRows, into);
    }

    private List<Span> merge(List<Span> pieces) {
        List<Span> merged = new ArrayList<>();
        Span current = pieces.get(0);
        for (int i = 1; i < pieces.size(); i++) {
            Span next = pieces.get(i);
            if (current.rows() + next.rows() <= chunkRows) {
                current = new Span(TimeRange.of(current.range().from(), next.range().to()),
                        current.rows() + next.rows());
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return merged;
    }
}
