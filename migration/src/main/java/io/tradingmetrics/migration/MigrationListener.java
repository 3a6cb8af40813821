package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.StoreTable;

/**
 * Progress of a copy, verification, export or import, for a progress bar or log lines. Events come from worker
 * threads, possibly several at once: implementations must be thread-safe and quick. Every method does nothing
 * unless overridden.
 */
public interface MigrationListener {
    /** A listener that ignores every event. */
    MigrationListener NONE = new MigrationListener() {};

    /**
     * A phase begins.
     *
     * @param totalRows the rows the phase will process (0 when unknown), the 100 % of a progress bar
     */
    default void phaseStarted(MigrationPhase phase, long totalRows) {}

    /** More rows of a table were processed: written, compared, exported or read. */
    default void rowsDone(MigrationPhase phase, StoreTable table, long rows) {}

    /** A chunk is finished and, when copying, durably recorded. */
    default void chunkDone(MigrationPhase phase, ChunkState chunk) {}

    /** A line worth telling the user: the plan, a resumed chunk, a skipped table. */
    default void info(String message) {}

    /** A phase ended, successfully or not. */
    default void phaseFinished(MigrationPhase phase) {}
}
