package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the dual store does on open, before it takes any call: finds which of the state's stores the configured
 * primary is (by instance id, never by role), applies to it what the outbox holds and it may lack (a write a crash
 * left unresolved; after a switch, everything the old secondary had not replayed), and starts the state afresh for a
 * store it has never seen.
 */
final class DualOpening {
    private static final Logger LOG = LoggerFactory.getLogger(DualOpening.class);

    private DualOpening() {}

    static DualMetricsStore.OpenedState resolve(DualStoreConfig config, MetricsStore primary, Outbox outbox) {
        String primaryId = primary.instanceId().orElseThrow(() -> new MetricsStoreException("the primary "
                + config.primary().describe() + " keeps no instance id, so the dual store could not tell it from a"
                + " store recreated at the same place; bring its schema up to date (schema migrate)"));
        Optional<StateFile> found = StateFile.load(config.outboxDirectory());
        long last = outbox.lastSeq();
        if (found.isEmpty()) {
            StateFile state = StateFile.empty();
            state.set("primary.id", primaryId);
            newEpoch(state, primary, Optional.empty(), last);
            state.save(config.outboxDirectory());
            LOG.info("dual store: mirroring starts; boundaries {}", boundaries(state));
            return new DualMetricsStore.OpenedState(state, last);
        }
        StateFile state = found.get();
        String knownPrimary = state.primaryId().orElse("");
        Optional<String> knownSecondary = state.secondaryId();
        if (primaryId.equals(knownPrimary)) {
            if (last > 0 && outbox.tailMarker() != Outbox.ACK && outbox.tailMarker() != Outbox.CANCEL) {
                applyToPrimary(config, primary, outbox, last - 1, "a write whose outcome a stop left unknown");
                ack(outbox, last);
            }
            long applied = knownSecondary.map(state::applied).orElse(state.getLong("epoch.start-seq", 0));
            return new DualMetricsStore.OpenedState(state, applied);
        }
        if (knownSecondary.isPresent() && primaryId.equals(knownSecondary.get())) {
            return switched(config, primary, outbox, state, primaryId, knownPrimary);
        }
        throw new MetricsStoreException("the primary " + config.primary().describe() + " (instance id " + primaryId
                + ") is neither store the dual state in " + config.outboxDirectory() + " belongs to (primary "
                + knownPrimary + ", secondary " + knownSecondary.orElse("not yet seen") + "): it was emptied, "
                + "recreated or replaced. Configure the stores the state belongs to, or move the directory away to "
                + "start dual writing afresh");
    }

    /** The stores' roles were swapped in the configuration: a switch, or its rollback. */
    private static DualMetricsStore.OpenedState switched(DualStoreConfig config, MetricsStore primary, Outbox outbox,
                                                          StateFile state, String primaryId, String oldPrimary) {
        DualStatus status = DualState.status(config.outboxDirectory(), state, Optional.empty());
        if (status.needsBackfill() || status.needsCatchUp()) {
            throw new MetricsStoreException("switching the primary to " + config.primary().describe() + " would lose "
                    + "data: " + (status.needsBackfill() ? "its backfill is not recorded as done"
                    : "it misses writes since mirroring stopped at " + status.stoppedSince().map(Instant::toString)
                    .orElse("a full outbox")) + ". Switch back, let the dual store "
                    + (status.needsBackfill() ? "be backfilled (migrate up to the boundary)" : "catch up")
                    + ", then switch");
        }
        long last = outbox.lastSeq();
        long had = state.applied(primaryId);
        if (had < last) {
            applyToPrimary(config, primary, outbox, had, "writes the new primary had not received yet");
        }
        boolean tailResolved = outbox.tailMarker() == Outbox.ACK || outbox.tailMarker() == Outbox.CANCEL;
        if (last > 0 && !tailResolved) {
            ack(outbox, last);
        }
        state.set("primary.id", primaryId);
        state.set("secondary.id", oldPrimary);
        state.setApplied(primaryId, last);
        // The old primary took every record but possibly an unresolved last one: replaying that is a no-op if it did.
        long oldHas = tailResolved ? last : last - 1;
        state.setApplied(oldPrimary, oldHas);
        state.set("epoch", Long.toString(state.epoch() + 1));
        state.setInstant("mirroring.since", Instant.now());
        for (StoreTable table : StoreTable.values()) {
            state.setBoundary(table, TimeRange.all().from(), true); // the old primary holds all of history
            state.setGaps(table, List.of());
        }
        state.remove("mirroring.stopped");
        state.save(config.outboxDirectory());
        LOG.info("dual store: the primary is now {} (it was the secondary); every write is mirrored to the old "
                + "primary {}", config.primary().describe(), config.secondary().describe());
        return new DualMetricsStore.OpenedState(state, oldHas);
    }

    /** Applies the outbox's records after {@code after} to the primary, each exactly once by its write id. */
    private static void applyToPrimary(DualStoreConfig config, MetricsStore primary, Outbox outbox, long after,
                                       String what) {
        int applied = 0;
        try (Outbox.Reader reader = outbox.reader(after + 1)) {
            Outbox.Frame frame;
            while ((frame = reader.nextData()) != null) {
                byte marker = reader.markerFor(frame.seq());
                if (marker != Outbox.CANCEL) {
                    Applier.direct(primary, WriteCodec.decode(frame.payload().duplicate()));
                    applied++;
                }
            }
        } catch (IOException e) {
            throw new MetricsStoreException("cannot read the dual store's outbox in " + config.outboxDirectory()
                    + ": " + e.getMessage(), e);
        }
        LOG.info("dual store: applied {} outbox records to the primary {} before opening: {}", applied,
                config.primary().describe(), what);
    }

    private static void ack(Outbox outbox, long seq) {
        try {
            outbox.appendMarker(Outbox.ACK, seq, true);
        } catch (IOException e) {
            throw new MetricsStoreException("cannot write to the dual store's outbox: " + e.getMessage(), e);
        }
    }

    /**
     * Starts mirroring afresh (the first open, or a secondary that is not the one mirrored to so far): each table's
     * boundary is just after the primary's newest row, and the records in the outbox so far are not the new
     * secondary's (their rows are before the boundaries: the backfill copies them).
     */
    static void newEpoch(StateFile state, MetricsStore primary, Optional<String> secondaryId, long seq) {
        List<TableStats> stats = primary.stats();
        state.set("epoch", Long.toString(state.epoch() + 1));
        state.setInstant("mirroring.since", Instant.now());
        for (TableStats table : stats) {
            Instant boundary = table.maxTimestamp().map(t -> t.plusNanos(1000)).orElse(TimeRange.all().from());
            state.setBoundary(table.table(), boundary, table.rowCount() == 0);
            state.setGaps(table.table(), List.of());
        }
        state.remove("mirroring.stopped");
        state.set("epoch.start-seq", Long.toString(seq));
        secondaryId.ifPresentOrElse(id -> {
            state.set("secondary.id", id);
            state.setApplied(id, seq);
        }, () -> state.remove("secondary.id"));
    }

    private static String boundaries(StateFile state) {
        StringBuilder text = new StringBuilder();
        for (StoreTable table : StoreTable.values()) {
            text.append(text.length() == 0 ? "" : ", ").append(table.tableName()).append(' ')
                    .append(state.boundary(table));
        }
        return text.toString();
    }
}
