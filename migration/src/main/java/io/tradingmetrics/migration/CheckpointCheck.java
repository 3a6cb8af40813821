package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a checkpoint still describes the stores it is about, checked before a run trusts it: the stores are the
 * ones it was written for (their instance ids), and the target holds at least the rows it records as copied into
 * each finished chunk. A checkpoint can only be trusted for a target it was written for: a target deleted and
 * created again at the same path or URL would otherwise be reported as "completed" while it is empty.
 */
final class CheckpointCheck {
    private CheckpointCheck() {}

    /**
     * @param file the checkpoint's file, named in messages
     * @return why the checkpoint must be set aside and the migration started afresh (its target is another store,
     *         or one emptied since), empty when it can be trusted
     * @throws MigrationException when it can be neither trusted nor set aside safely: the source is another store,
     *                            or rows it records as copied are missing from a target that still holds others
     */
    static Optional<String> reasonToStartAfresh(Checkpoint checkpoint, StoreInstances now, RowSource source,
                                                MetricsStore target, String targetId, Path file) {
        Optional<String> sourceChange = StoreInstances.change(checkpoint.instances().source(), now.source());
        if (sourceChange.isPresent()) {
            throw new MigrationException("the source " + source.id() + " is not the store that the checkpoint "
                    + file + " was written for (" + sourceChange.get() + "): it was deleted and created again since."
                    + " Move the checkpoint away to start this migration afresh");
        }
        Optional<String> targetChange = StoreInstances.change(checkpoint.instances().target(), now.target());
        if (targetChange.isPresent()) {
            return Optional.of("the target " + targetId + " is not the store that the checkpoint " + file
                    + " was written for (" + targetChange.get() + "): it was deleted and created again, so nothing "
                    + "the checkpoint records as copied is in it");
        }
        for (ChunkState chunk : checkpoint.allChunks()) {
            if (!chunk.isDone()) {
                continue;
            }
            long promised = promisedRows(checkpoint, chunk);
            long held = target.count(chunk.table(), chunk.range());
            if (held < promised) {
                if (holdsNothing(checkpoint, target)) {
                    return Optional.of("the target " + targetId + " holds none of the rows that the checkpoint "
                            + file + " records as copied (" + chunk.describe() + ": " + promised + " rows): it was"
                            + " emptied or created again since");
                }
                throw new MigrationException("the checkpoint " + file + " records " + chunk.describe()
                        + " as copied with " + promised + " rows, but the target " + targetId + " holds " + held
                        + " there: rows were deleted from the target after they were copied (by retention or another"
                        + " program). To copy that range again, move the checkpoint away and clear the range in the"
                        + " target (or append to it)");
            }
        }
        return Optional.empty();
    }

    /** @return the fewest rows the target must hold in a finished chunk's range */
    private static long promisedRows(Checkpoint checkpoint, ChunkState chunk) {
        boolean appendedPoints = checkpoint.append() && !TableRows.of(chunk.table()).writesReplaceByKey();
        // Upserted rows may have replaced rows of the same key that the target held before: at least the copied ones.
        return chunk.copiedRows() + (appendedPoints ? chunk.baselineRows() : 0);
    }

    private static boolean holdsNothing(Checkpoint checkpoint, MetricsStore target) {
        for (StoreTable table : checkpoint.key().tables()) {
            if (target.count(table, checkpoint.key().range()) > 0) {
                return false;
            }
        }
        return true;
    }
}
