package io.tradingmetrics.storage.dual;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a dual store's mirroring stands, as recorded in its outbox directory ({@link DualState#read}) or as the open
 * store knows it ({@link DualMetricsStore#status()}).
 *
 * @param directory the outbox directory
 * @param epoch the number of the current mirroring: it grows when a new secondary (another instance id) is taken on,
 *        or after a switch; a backfill records the epoch it copied for
 * @param primaryId the instance id of the store that was the primary when the state was last written
 * @param secondaryId the instance id of the secondary, empty until the secondary has been opened once
 * @param mirroring whether writes are being mirrored now (false after a full outbox with {@code stop-mirroring},
 *        until the secondary has caught up)
 * @param stoppedSince when mirroring stopped, empty while it runs
 * @param outboxRecords the writes waiting in the outbox for the secondary
 * @param outboxBytes the disk the outbox's log takes
 * @param oldestWaiting when the oldest waiting write was accepted, empty when none waits
 * @param lastReplayError the last error the secondary gave a replay, until a replay succeeds again
 * @param held what holds the secondary away from the mirror ({@link SecondaryHold}), empty when nothing does
 * @param shadowReads how many sampled reads were compared with the secondary (this process, since it opened)
 * @param shadowDifferences how many of them gave a different answer
 * @param tables where each table's mirroring stands, in {@link io.tradingmetrics.storage.api.StoreTable} order
 */
public record DualStatus(Path directory, long epoch, String primaryId, Optional<String> secondaryId,
                         boolean mirroring, Optional<Instant> stoppedSince, long outboxRecords, long outboxBytes,
                         Optional<Instant> oldestWaiting, Optional<String> lastReplayError, Optional<String> held,
                         long shadowReads, long shadowDifferences, List<MirrorState> tables) {
    public DualStatus {
        requireNonNull(directory, "directory is null");
        requireNonNull(primaryId, "primaryId is null");
        requireNonNull(secondaryId, "secondaryId is null");
        requireNonNull(stoppedSince, "stoppedSince is null");
        requireNonNull(oldestWaiting, "oldestWaiting is null");
        requireNonNull(lastReplayError, "lastReplayError is null");
        requireNonNull(held, "held is null");
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
    }

    /** @return whether the secondary misses writes that the dual store will copy from the primary */
    public boolean needsCatchUp() {
        return tables.stream().anyMatch(t -> t.catchUpFrom().isPresent());
    }

    /** @return whether some table's rows before its boundary still have to be copied (the backfill) */
    public boolean needsBackfill() {
        return tables.stream().anyMatch(t -> !t.backfilled());
    }

    /**
     * @return whether the secondary holds everything the primary does (backfilled, nothing missed, nothing waiting),
     *         so that switching the two stores loses nothing
     */
    public boolean inSync() {
        return !needsBackfill() && !needsCatchUp() && mirroring && outboxRecords == 0;
    }
}
