package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One chunk of a table's copy, as its checkpoint records it.
 *
 * @param table the table
 * @param index the chunk's position within the table, from 0, ascending by time
 * @param range the chunk's time range; a table's chunks tile the copied range
 * @param sourceRows how many source rows the range held when the copy was planned
 * @param status how far the copy of this chunk got
 * @param copiedRows how many rows were copied, once done
 * @param baselineRows how many rows the target held in the range before the copy (appends only)
 * @param undoFile the file (in the state directory) holding those rows, when there were any
 */
public record ChunkState(StoreTable table, int index, TimeRange range, long sourceRows, Status status,
                         long copiedRows, long baselineRows, Optional<String> undoFile) {
    /** How far the copy of a chunk got. */
    public enum Status {
        /** Nothing written yet. */
        PENDING,
        /** Appending: the target's rows in the range were saved; writes may have begun. */
        STARTED,
        /** Every row copied, durably recorded. */
        DONE
    }

    public ChunkState {
        requireNonNull(table, "table is null");
        requireNonNull(range, "range is null");
        requireNonNull(status, "status is null");
        requireNonNull(undoFile, "undoFile is null");
    }

    static ChunkState pending(StoreTable table, int index, TimeRange range, long sourceRows) {
        return new ChunkState(table, index, range, sourceRows, Status.PENDING, 0, 0, Optional.empty());
    }

    ChunkState started(long baseline, Optional<String> undo) {
        return new ChunkState(table, index, range, sourceRows, Status.STARTED, 0, baseline, undo);
    }

    ChunkState done(long copied) {
        return new ChunkState(table, index, range, sourceRows, Status.DONE, copied, baselineRows, Optional.empty());
    }

    /** @return whether the chunk is copied */
    public boolean isDone() {
        return status == Status.DONE;
    }

    /** @return a short name for messages, for example {@code trading_metrics chunk 3 [from, to)} */
    public String describe() {
        return table.tableName() + " chunk " + index + " " + TimeRanges.format(range);
    }
}
