package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a migration will do (or, resumed, what is left): per table the source's rows, the chunks and their state, and
 * the target's state.
 *
 * @param sourceId the source's identity
 * @param targetId the target's identity
 * @param range the time range copied
 * @param append whether rows already in the target are kept
 * @param resuming whether a checkpoint of an earlier run of this migration exists
 * @param tables one entry per table, in {@link StoreTable} order
 * @param targetSchema the target's schema state
 * @param targetStats the target's table sizes
 * @param checkpointFile where the checkpoint is (or will be) kept
 */
public record MigrationPlan(String sourceId, String targetId, TimeRange range, boolean append, boolean resuming,
                            List<TablePlan> tables, SchemaInfo targetSchema, List<TableStats> targetStats,
                            Path checkpointFile) {
    public MigrationPlan {
        requireNonNull(sourceId, "sourceId is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(range, "range is null");
        tables = List.copyOf(tables);
        requireNonNull(targetSchema, "targetSchema is null");
        targetStats = List.copyOf(targetStats);
        requireNonNull(checkpointFile, "checkpointFile is null");
    }

    /**
     * The plan of one table.
     *
     * @param table the table
     * @param sourceExtent the range the source's rows of the table lie in, empty when it has none in range
     * @param sourceRows the source's rows in the copied range
     * @param targetRowsInRange the target's rows in the copied range before this run
     * @param chunks the chunks, ascending by time
     */
    public record TablePlan(StoreTable table, Optional<TimeRange> sourceExtent, long sourceRows,
                            long targetRowsInRange, List<ChunkState> chunks) {
        public TablePlan {
            requireNonNull(table, "table is null");
            requireNonNull(sourceExtent, "sourceExtent is null");
            chunks = List.copyOf(chunks);
        }

        /** @return how many chunks are already copied */
        public int chunksDone() {
            return (int) chunks.stream().filter(ChunkState::isDone).count();
        }

        /** @return the source rows of the chunks not yet copied */
        public long rowsLeft() {
            return chunks.stream().filter(c -> !c.isDone()).mapToLong(ChunkState::sourceRows).sum();
        }
    }

    /** @return the source rows still to copy, over all tables */
    public long rowsLeft() {
        return tables.stream().mapToLong(TablePlan::rowsLeft).sum();
    }

    /** @return the plan in readable lines */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("copy ").append(sourceId).append(" -> ").append(targetId).append('\n');
        text.append("  range ").append(TimeRanges.format(range)).append(append ? ", appending to the target's rows" : "")
                .append(resuming ? ", resuming an earlier run" : "").append('\n');
        for (TablePlan table : tables) {
            text.append(String.format("  %-20s %,d rows%s in %d chunk(s), %d done; %,d rows left; target holds %,d "
                            + "rows in range%n", table.table().tableName(), table.sourceRows(),
                    table.sourceExtent().map(e -> " " + TimeRanges.format(e)).orElse(""), table.chunks().size(),
                    table.chunksDone(), table.rowsLeft(), table.targetRowsInRange()));
        }
        text.append("  target schema: version ").append(targetSchema.currentVersion())
                .append(targetSchema.isUpToDate() ? " (up to date)"
                        : ", this program needs " + targetSchema.latestVersion()
                        + ": run bin/metrics schema migrate --store " + targetId)
                .append('\n');
        for (TableStats stats : targetStats) {
            text.append(String.format("  target %-20s %,d rows%s%n", stats.table().tableName(), stats.rowCount(),
                    stats.minTimestamp().isPresent() && stats.maxTimestamp().isPresent()
                            ? " " + TimeRanges.format(stats.minTimestamp().get()) + " .. "
                            + TimeRanges.format(stats.maxTimestamp().get()) : ""));
        }
        text.append("  checkpoint ").append(checkpointFile);
        return text.toString();
    }
}
