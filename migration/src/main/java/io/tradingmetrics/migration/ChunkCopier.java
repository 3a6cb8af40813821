package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Copies one chunk so that, however often a run is killed and started again, the target ends with the chunk's
 * source rows exactly once: before copying a chunk that is not recorded as done, the target's range is brought back
 * to what it held before the migration (cleared, or restored from the undo log when appending points); only after
 * the last row is written is the chunk recorded as done, durably. Done chunks are never touched again.
 */
final class ChunkCopier {
    /** What copying a chunk did. */
    record Result(ChunkState chunk, long rowsCopied, long rowsCleared, long startNanos, long endNanos) {}

    private final RowSource source;
    private final MetricsStore target;
    private final Checkpoint checkpoint;
    private final CheckpointFile checkpointFile;
    private final UndoLog undoLog;
    private final int batchSize;
    private final MigrationListener listener;

    ChunkCopier(RowSource source, MetricsStore target, Checkpoint checkpoint, CheckpointFile checkpointFile,
                UndoLog undoLog, int batchSize, MigrationListener listener) {
        this.source = source;
        this.target = target;
        this.checkpoint = checkpoint;
        this.checkpointFile = checkpointFile;
        this.undoLog = undoLog;
        this.batchSize = batchSize;
        this.listener = listener;
    }

    Result copy(ChunkState planned, BooleanSupplier stopRequested) {
        long start = System.nanoTime();
        TableRows<?> rows = TableRows.of(planned.table());
        ChunkState chunk = planned;
        long cleared;
        if (!checkpoint.append()) {
            cleared = clearHalfWritten(chunk);
        } else if (rows.writesReplaceByKey()) {
            cleared = 0;
        } else if (chunk.status() == ChunkState.Status.STARTED) {
            cleared = undoLog.restore(target, chunk, batchSize);
            if (cleared > 0) {
                listener.info(chunk.describe() + " was half-written by an interrupted run: removed " + cleared
                        + " rows, kept the " + chunk.baselineRows() + " rows the target held before");
            }
        } else {
            chunk = recordBaseline(chunk);
            cleared = 0;
        }
        long copied = copyRows(rows, chunk.range(), stopRequested);
        ChunkState done = chunk.done(copied);
        checkpoint.update(done);
        checkpointFile.save(checkpoint);
        undoLog.delete(chunk);
        listener.chunkDone(MigrationPhase.COPY, done);
        return new Result(done, copied, cleared, start, System.nanoTime());
    }

    /** The target held nothing in the range when the migration began: whatever it holds now is half a copy. */
    private long clearHalfWritten(ChunkState chunk) {
        if (target.count(chunk.table(), chunk.range()) == 0) {
            return 0;
        }
        long cleared = target.deleteRange(chunk.table(), chunk.range());
        listener.info(chunk.describe() + " was half-written by an interrupted run: removed its " + cleared
                + " rows to copy it again");
        return cleared;
    }

    private ChunkState recordBaseline(ChunkState chunk) {
        long baseline = target.count(chunk.table(), chunk.range());
        Optional<String> undo = baseline == 0 ? Optional.empty() : Optional.of(undoLog.save(target, chunk));
        ChunkState started = chunk.started(baseline, undo);
        checkpoint.update(started);
        checkpointFile.save(checkpoint);
        return started;
    }

    private <T> long copyRows(TableRows<T> rows, TimeRange range, BooleanSupplier stopRequested) {
        long copied = 0;
        List<T> batch = new ArrayList<>(batchSize);
        try (Stream<T> stream = rows.stream(source, range)) {
            for (Iterator<T> it = stream.iterator(); it.hasNext(); ) {
                T row = it.next();
                if (!range.contains(rows.timestamp(row))) {
                    throw new MigrationException("source " + source.id() + " returned a " + rows.table().tableName()
                            + " row at " + TimeRanges.format(rows.timestamp(row)) + " for the range "
                            + TimeRanges.format(range) + "; the source store has a bug, report it");
                }
                batch.add(row);
                if (batch.size() == batchSize) {
                    copied += write(rows, batch);
                    batch = new ArrayList<>(batchSize);
                    if (stopRequested.getAsBoolean()) {
                        throw new CancellationException("stopped because another chunk failed");
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            copied += write(rows, batch);
        }
        return copied;
    }

    private <T> long write(TableRows<T> rows, List<T> batch) {
        rows.write(target, batch);
        listener.rowsDone(MigrationPhase.COPY, rows.table(), batch.size());
        return batch.size();
    }
}
