package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What to copy and how. Start from {@link #defaults()} and change what differs.
 *
 * @param tables the tables to copy, in {@link StoreTable} order
 * @param range the time range to copy; rows outside it are neither read nor touched
 * @param batchSize the rows per write call: the memory a copy holds is about {@code batchSize × parallelism} rows
 * @param chunkRows the rows per checkpointed chunk: the most work a crash can cost
 * @param parallelism how many chunks are copied at once
 * @param dryRun plan and report only; write nothing, not even a checkpoint
 * @param append copy even though the target holds rows in the tables and range (they are kept)
 * @param verify compare source and target per chunk after copying
 * @param stateDirectory where checkpoints are kept
 */
public record MigrationOptions(List<StoreTable> tables, TimeRange range, int batchSize, long chunkRows,
                               int parallelism, boolean dryRun, boolean append, boolean verify,
                               Path stateDirectory) {
    /** Rows per write call unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    /** Rows per checkpointed chunk unless told otherwise. */
    public static final long DEFAULT_CHUNK_ROWS = 250_000;
    /** Chunks copied at once unless told otherwise (measured: two overlap one chunk's reads with another's writes). */
    public static final int DEFAULT_PARALLELISM = 2;

    public MigrationOptions {
        requireNonNull(tables, "tables is null");
        requireNonNull(range, "range is null");
        requireNonNull(stateDirectory, "stateDirectory is null");
        if (tables.isEmpty()) {
            throw new InvalidInputException("no table to copy; name at least one of trading_metrics, candles, "
                    + "performance_history");
        }
        tables = List.copyOf(EnumSet.copyOf(tables));
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new InvalidInputException("batch size " + batchSize + " is out of range; give 1 to 1000000 rows");
        }
        if (chunkRows < batchSize) {
            throw new InvalidInputException("chunk size " + chunkRows + " is smaller than the batch size "
                    + batchSize + "; give a chunk size of at least one batch");
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new InvalidInputException("parallelism " + parallelism + " is out of range; give 1 to 64");
        }
    }

    /** Every table, every time, default sizes, one checkpoint directory per user. */
    public static MigrationOptions defaults() {
        return new MigrationOptions(List.of(StoreTable.values()), TimeRange.all(), DEFAULT_BATCH_SIZE,
                DEFAULT_CHUNK_ROWS, DEFAULT_PARALLELISM, false, false, false, defaultStateDirectory());
    }

    /**
     * @return {@code $XDG_STATE_HOME/tradingmetrics/migrations}, or {@code ~/.local/state/tradingmetrics/migrations}
     *         when that variable is not set
     */
    public static Path defaultStateDirectory() {
        String xdgState = System.getenv("XDG_STATE_HOME");
        Path base = xdgState != null && !xdgState.isBlank()
                ? Path.of(xdgState)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("tradingmetrics").resolve("migrations");
    }

    public MigrationOptions withTables(Collection<StoreTable> newTables) {
        return new MigrationOptions(List.copyOf(newTables), range, batchSize, chunkRows, parallelism, dryRun, append,
                verify, stateDirectory);
    }

    public MigrationOptions withRange(TimeRange newRange) {
        return new MigrationOptions(tables, newRange, batchSize, chunkRows, parallelism, dryRun, append, verify,
                stateDirectory);
    }

    public MigrationOptions withBatchSize(int newBatchSize) {
        return new MigrationOptions(tables, range, newBatchSize, Math.max(chunkRows, newBatchSize), parallelism,
                dryRun, append, verify, stateDirectory);
    }

    public MigrationOptions withChunkRows(long newChunkRows) {
        return new MigrationOptions(tables, range, batchSize, newChunkRows, parallelism, dryRun, append, verify,
                stateDirectory);
    }

    public MigrationOptions withParallelism(int newParallelism) {
        return new MigrationOptions(tables, range, batchSize, chunkRows, newParallelism, dryRun, append, verify,
                stateDirectory);
    }

    public MigrationOptions withDryRun(boolean newDryRun) {
        return new MigrationOptions(tables, range, batchSize, chunkRows, parallelism, newDryRun, append, verify,
                stateDirectory);
    }

    public MigrationOptions withAppend(boolean newAppend) {
        return new MigrationOptions(tables, range, batchSize, chunkRows, parallelism, dryRun, newAppend, verify,
                stateDirectory);
    }

    public MigrationOptions withVerify(boolean newVerify) {
        return new MigrationOptions(tables, range, batchSize, chunkRows, parallelism, dryRun, append, newVerify,
                stateDirectory);
    }

    public MigrationOptions withStateDirectory(Path newStateDirectory) {
        return new MigrationOptions(tables, range, batchSize, chunkRows, parallelism, dryRun, append, verify,
                newStateDirectory);
    }
}
