package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Makes a target's rows in a time range equal to a source's: deletes what the target holds there, then copies the
 * source's rows in batches. Running it again after a crash, at any moment, converges to the same result, so it needs
 * no checkpoint: the catch-up of a mirror and the re-copy of ranges that late writes touched during a backfill are
 * built on it. Nothing else may write the target's range meanwhile (the caller holds the secondary of a dual store).
 */
public final class RangeReplacer {
    /** What replacing one range did. */
    public record Result(StoreTable table, TimeRange range, long rowsDeleted, long rowsCopied) {}

    private final int batchSize;
    private final MigrationListener listener;

    /**
     * @param batchSize rows per write call
     * @param listener told of every batch written (phase {@link MigrationPhase#COPY})
     */
    public RangeReplacer(int batchSize, MigrationListener listener) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.batchSize = batchSize;
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** @return what was deleted from the target and copied from the source in the range */
    public Result replace(RowSource source, MetricsStore target, StoreTable table, TimeRange range) {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(range, "range is null");
        long deleted = target.count(table, range) == 0 ? 0 : target.deleteRange(table, range);
        long copied = copy(TableRows.of(table), source, target, range);
        return new Result(table, range, deleted, copied);
    }

    private <T> long copy(TableRows<T> rows, RowSource source, MetricsStore target, TimeRange range) {
        long copied = 0;
        List<T> batch = new ArrayList<>(batchSize);
        try (Stream<T> stream = rows.stream(source, range)) {
            for (Iterator<T> it = stream.iterator(); it.hasNext(); ) {
                batch.add(it.next());
                if (batch.size() == batchSize) {
                    copied += write(rows, target, batch);
                    batch = new ArrayList<>(batchSize);
                }
            }
        }
        if (!batch.isEmpty()) {
            copied += write(rows, target, batch);
        }
        return copied;
    }

    private <T> long write(TableRows<T> rows, MetricsStore target, List<T> batch) {
        rows.write(target, batch);
        listener.rowsDone(MigrationPhase.COPY, rows.table(), batch.size());
        return batch.size();
    }
}
