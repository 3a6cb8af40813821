package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads a dual store's state from its outbox directory without opening either store and without the app's lock, so
 * that a command-line tool can see the backfill boundaries and the mirror's progress while the app runs; and records
 * that a backfill is done. The app writes the state (atomically, by rename), this class only reads it, and the only
 * file it writes ({@code backfilled-<epoch>}) is one the app never writes.
 */
public final class DualState {
    static final String BACKFILLED_PREFIX = "backfilled-";

    /**
     * How often a running dual store rewrites its state, on a thread of its own whatever the secondary does (down,
     * slow, held): {@link #read} sees the outbox's depth, its age and the last replay error as they were at most this
     * long ago (plus the moment the write takes).
     */
    public static final Duration STATE_INTERVAL = Duration.ofSeconds(1);

    private DualState() {}

    /**
     * @param directory the outbox directory ({@code metrics.store.dual.outbox.directory})
     * @return the state as last written by the app (while it runs at most {@link #STATE_INTERVAL} old), empty when
     *         no dual store has used the directory
     * @throws MetricsStoreException when the state cannot be read
     */
    public static Optional<DualStatus> read(Path directory) {
        requireNonNull(directory, "directory is null");
        Path dir = directory.toAbsolutePath().normalize();
        return StateFile.load(dir).map(state -> status(dir, state, Optional.empty()));
    }

    /**
     * The writes waiting in the outbox for the secondary, read from the directory without the app's lock: where the
     * primary may have changed since the last write the secondary holds. Exact while the secondary is held (its
     * mirror records where it stopped before letting go of it); otherwise that point may be up to
     * {@link #STATE_INTERVAL} old, and the ranges then include writes the secondary has already taken.
     *
     * @param directory the outbox directory
     * @return the writes after the last one the state records the secondary as holding; none when no dual store has
     *         used the directory
     * @throws MetricsStoreException when the state or the outbox cannot be read
     */
    public static PendingWrites pendingWrites(Path directory) {
        requireNonNull(directory, "directory is null");
        Path dir = directory.toAbsolutePath().normalize();
        long applied = StateFile.load(dir).flatMap(s -> s.secondaryId().map(s::applied)).orElse(0L);
        return pendingWrites(dir, applied);
    }

    /**
     * @param directory the outbox directory
     * @param afterSeq the point to read from ({@link PendingWrites#afterSeq()} of an earlier answer)
     * @return the writes in the outbox after that point (of those that a replay still needs: older segments are
     *         deleted)
     * @throws MetricsStoreException when the outbox cannot be read
     */
    public static PendingWrites pendingWrites(Path directory, long afterSeq) {
        requireNonNull(directory, "directory is null");
        Path dir = directory.toAbsolutePath().normalize();
        EnumMap<StoreTable, List<TimeRange>> touched = new EnumMap<>(StoreTable.class);
        long[] last = {afterSeq};
        try {
            Outbox.scan(dir, afterSeq, frame -> {
                last[0] = frame.seq();
                MirroredWrite write = WriteCodec.decode(frame.payload().duplicate());
                write.touched().forEach((table, span) -> {
                    List<TimeRange> ranges = touched.getOrDefault(table, List.of());
                    for (TimeRange range : finer(write, table, span)) {
                        ranges = Ranges.union(ranges, range);
                    }
                    touched.put(table, ranges);
                });
            });
        } catch (IOException e) {
            throw new MetricsStoreException("cannot read the dual store's outbox in " + dir + ": " + e.getMessage()
                    + "; check the directory's permissions", e);
        }
        return new PendingWrites(afterSeq, last[0], touched);
    }

    /** A batch of rows far apart (late data with new) as a few ranges rather than one span over everything between. */
    private static List<TimeRange> finer(MirroredWrite write, StoreTable table, TimeRange span) {
        if (write instanceof MirroredWrite.Points p) {
            return Ranges.clusters(p.points().stream().map(MetricPoint::timestamp).toList());
        } else if (write instanceof MirroredWrite.Candles c) {
            return Ranges.clusters(c.candles().stream().map(Candle::timestamp).toList());
        } else if (write instanceof MirroredWrite.Performance s) {
            return Ranges.clusters(s.snapshots().stream().map(PerformanceSnapshot::timestamp).toList());
        }
        return List.of(span);
    }

    /**
     * Records that every row before the boundaries of the given epoch has been copied from the primary into the
     * secondary (the backfill's last step). The app reads it from the directory; {@link DualStatus#needsBackfill()}
     * is false from then on for that epoch.
     *
     * @param directory the outbox directory
     * @param epoch the epoch the backfill copied for ({@link DualStatus#epoch()} when it began): a backfill for an
     *        earlier secondary does not count for a new one
     * @throws MetricsStoreException when the file cannot be written
     */
    public static void recordBackfilled(Path directory, long epoch) {
        requireNonNull(directory, "directory is null");
        Path file = directory.toAbsolutePath().normalize().resolve(BACKFILLED_PREFIX + epoch);
        try {
            Files.writeString(file, "backfill done " + Instant.now() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MetricsStoreException("cannot record the backfill as done in " + file + ": " + e.getMessage()
                    + "; check the directory's permissions", e);
        }
    }

    static boolean backfillRecorded(Path directory, long epoch) {
        return Files.exists(directory.resolve(BACKFILLED_PREFIX + epoch));
    }

    /**
     * Whether a dual store is open on the directory, in this JVM or another: it holds the directory's lock file for as
     * long as it is open, and the lock dies with its process. Takes nothing and writes nothing.
     */
    public static boolean appRunning(Path directory) {
        Path lock = requireNonNull(directory, "directory is null").resolve(Outbox.LOCK);
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock taken = channel.tryLock();
            if (taken == null) {
                return true;
            }
            taken.release();
            return false;
        } catch (OverlappingFileLockException | IOException e) {
            return true; // held in this JVM, or unreadable: never take over a store that may be open
        }
    }

    /** Builds the status from a state; the live parts (replay error, shadow counts) from the open store if any. */
    static DualStatus status(Path directory, StateFile state, Optional<LiveCounts> live) {
        long epoch = state.epoch();
        boolean recorded = backfillRecorded(directory, epoch);
        Instant since = state.getInstant("mirroring.since").orElse(Instant.EPOCH);
        List<MirrorState> tables = new ArrayList<>();
        for (StoreTable table : StoreTable.values()) {
            tables.add(new MirrorState(table, since, state.boundary(table), recorded || state.backfilled(table),
                    state.gaps(table).stream().map(TimeRange::from).min(Instant::compareTo)));
        }
        Optional<Instant> stopped = state.getInstant("mirroring.stopped");
        long records = live.map(LiveCounts::outboxRecords).orElse(state.getLong("outbox.records", 0));
        long bytes = live.map(LiveCounts::outboxBytes).orElse(state.getLong("outbox.bytes", 0));
        Optional<Instant> oldest = live.isPresent() ? live.get().oldestWaiting() : state.getInstant("outbox.oldest");
        Optional<String> error = live.isPresent() ? live.get().lastReplayError() : state.get("last-replay-error");
        Optional<String> held = Optional.empty();
        try {
            held = SecondaryHold.describe(directory);
        } catch (MetricsStoreException e) {
            held = Optional.of(e.getMessage());
        }
        return new DualStatus(directory, epoch, state.primaryId().orElse("unknown"), state.secondaryId(),
                stopped.isEmpty(), stopped, records, bytes, oldest, error, held,
                live.map(LiveCounts::shadowReads).orElse(state.getLong("shadow.reads", 0)),
                live.map(LiveCounts::shadowDifferences).orElse(state.getLong("shadow.differences", 0)), tables);
    }

    /** What only the open store knows exactly. */
    record LiveCounts(long outboxRecords, long outboxBytes, Optional<Instant> oldestWaiting,
                      Optional<String> lastReplayError, long shadowReads, long shadowDifferences) {}
}
