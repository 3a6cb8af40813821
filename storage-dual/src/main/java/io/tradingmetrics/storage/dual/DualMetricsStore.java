package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;
import io.tradingmetrics.storage.api.WriteOutcomeUnknownException;
import io.tradingmetrics.storage.spi.CommitGatedWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A store over two stores: every write goes to the primary, whose answer is the call's, and is mirrored to the
 * secondary off the caller's thread through a durable outbox; every read comes from the primary (a sample may be
 * compared with the secondary: shadow reads). See the package documentation for the backfill boundary.
 *
 * <p>Writes are applied one at a time, in the order the primary committed them, so that upserts and deletes end the
 * same on both stores. The secondary being down, locked or full never fails or slows a write beyond the outbox's
 * append; a full outbox does what {@code on-outbox-full} says.
 */
public final class DualMetricsStore implements MetricsStore {
    /** The backend name, also the configuration's type. */
    public static final String NAME = DualStoreConfig.NAME;
    private static final Logger LOG = LoggerFactory.getLogger(DualMetricsStore.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final DualStoreConfig config;
    private final MetricsStore primary;
    /** The primary's writes, each committed once its outbox record is forced ({@link #write}). */
    private final CommitGatedWrites gatedPrimary;
    private final Outbox outbox;
    private final OutboxAppender appender;
    private final StateFile state;
    private final ReentrantLock writes = new ReentrantLock(true);
    private final Mirror mirror;
    private final ShadowReads shadow;
    private volatile long resolvedSeq;
    private final WriteActivity activity = new WriteActivity();
    private volatile boolean stopped;
    private volatile boolean closed;
    private boolean fullReported;

    private DualMetricsStore(DualStoreConfig config, MetricsStore primary, Outbox outbox, StateFile state,
                             long secondaryApplied) {
        this.config = config;
        this.primary = primary;
        this.gatedPrimary = primary instanceof CommitGatedWrites gated ? gated : new AfterGate(primary);
        this.outbox = outbox;
        this.appender = outbox == null ? null : new OutboxAppender(outbox, config.outboxDirectory(),
                config.outboxMaxBytes());
        this.state = state;
        this.stopped = outbox != null && state.get("mirroring.stopped").isPresent();
        this.resolvedSeq = outbox == null ? 0 : outbox.lastSeq();
        this.mirror = outbox == null ? null : new Mirror(this, secondaryApplied);
        this.shadow = outbox == null ? null : new ShadowReads(config.shadowSampleRate(),
                () -> mirror.secondary(), () -> resolvedSeq, () -> mirror.applied());
    }

    /**
     * Opens the primary, the outbox and (in the background, retrying) the secondary. Before it returns, writes
     * waiting in the outbox for the store that is now the primary (after a switch, or a write whose outcome a crash
     * left unknown) are applied to it.
     *
     * @param config the settings
     * @param mode how to open the stores; {@link OpenMode#READ_ONLY} and {@link OpenMode#VALIDATE} open the primary
     *        alone, without the outbox (writes are refused)
     * @return the open store; close it
     * @throws io.tradingmetrics.storage.api.StoreUnavailableException when the primary cannot be opened, or another
     *         process uses the outbox directory
     * @throws MetricsStoreException when the primary is not one of the stores the directory's state belongs to, or
     *         a switch would lose writes the new primary never received
     */
    public static DualMetricsStore open(DualStoreConfig config, OpenMode mode) {
        requireNonNull(config, "config is null");
        requireNonNull(mode, "mode is null");
        if (mode == OpenMode.READ_ONLY || mode == OpenMode.VALIDATE) {
            MetricsStore primary = config.primary().open(mode);
            StateFile state = StateFile.load(config.outboxDirectory()).orElse(StateFile.empty());
            return new DualMetricsStore(config, primary, null, state, 0);
        }
        Outbox outbox = Outbox.open(config.outboxDirectory(), config.outboxMaxBytes(), config.segmentBytes());
        MetricsStore primary = null;
        try {
            primary = config.primary().open(mode);
            OpenedState opened = DualOpening.resolve(config, primary, outbox);
            DualMetricsStore store = new DualMetricsStore(config, primary, outbox, opened.state(),
                    opened.secondaryApplied());
            store.mirror.start();
            LOG.info("opened dual store: primary {}, secondary {}, outbox {} ({} writes waiting)",
                    config.primary().describe(), config.secondary().describe(), config.outboxDirectory(),
                    outbox.lastSeq() - opened.secondaryApplied());
            return store;
        } catch (RuntimeException e) {
            if (primary != null) {
                primary.close();
            }
            outbox.close();
            throw e;
        }
    }

    /** What opening found: the state to go on with, and the last record the secondary holds. */
    record OpenedState(StateFile state, long secondaryApplied) {}

    /** @return the settings it was opened with */
    public DualStoreConfig config() {
        return config;
    }

    /** @return where mirroring stands now */
    public DualStatus status() {
        if (outbox == null) {
            return DualState.status(config.outboxDirectory(), state, Optional.empty());
        }
        return DualState.status(config.outboxDirectory(), state, Optional.of(new DualState.LiveCounts(
                Math.max(0, outbox.lastSeq() - mirror.applied()), outbox.bytes(), mirror.oldestWaiting(),
                mirror.lastError(), shadow.compared(), shadow.differences())));
    }

    /**
     * Waits until the secondary holds every write accepted so far and nothing is left to copy into it.
     *
     * @return whether it did within the timeout
     */
    public boolean awaitCaughtUp(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        if (outbox == null) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (mirror.secondary().isPresent() && mirror.applied() >= outbox.lastSeq() && !stopped
                    && !state.hasGaps()) {
                shadow.drain(Duration.ofSeconds(10));
                return true;
            }
            mirror.wake();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** The secondary as the mirror holds it open (tests compare it with the primary). */
    MetricsStore secondaryForTests() {
        return mirror.secondary().orElseThrow(() -> new IllegalStateException("the secondary is not open"));
    }

    // ---- for the mirror and the opening -------------------------------------------------------------------

    MetricsStore primary() {
        return primary;
    }

    Outbox outbox() {
        return outbox;
    }

    StateFile state() {
        return state;
    }

    long resolvedSeq() {
        return resolvedSeq;
    }

    boolean stopped() {
        return stopped;
    }

    /** Records where the secondary's replay stands; the next state write (at most a state interval away) saves it. */
    void recordApplied(long applied) {
        state.secondaryId().ifPresent(id -> state.setApplied(id, applied));
    }

    /** Writes where the secondary's replay stands now, for the next open and for readers of the directory. */
    void persistMirror(long applied) {
        recordApplied(applied);
        persistStatus();
    }

    /**
     * Writes the state with the outbox as it stands now (the status writer, every {@link DualState#STATE_INTERVAL}),
     * then deletes the segments that the state just written no longer needs for a replay.
     */
    void persistStatus() {
        long durable = state.secondaryId().map(state::applied).orElse(0L);
        state.set("outbox.records", Long.toString(Math.max(0, outbox.lastSeq() - mirror.applied())));
        state.set("outbox.bytes", Long.toString(outbox.bytes()));
        state.setOrRemove("outbox.oldest", mirror.oldestWaiting().map(Instant::toString));
        state.setOrRemove("last-replay-error", mirror.lastError());
        state.set("shadow.reads", Long.toString(shadow.compared()));
        state.set("shadow.differences", Long.toString(shadow.differences()));
        state.save(config.outboxDirectory());
        outbox.deleteThrough(durable);
    }

    /**
     * The secondary just opened: it must be the store the state names. A first one is recorded; another one (emptied,
     * recreated or replaced) starts a new epoch: a new boundary, a backfill needed, the outbox's older records not
     * for it.
     */
    void adoptSecondary(MetricsStore secondary) {
        String id = secondary.instanceId().orElseThrow(() -> new MetricsStoreException("the secondary "
                + config.secondary().describe() + " keeps no instance id, so the dual store could not tell it from a"
                + " store recreated at the same place; bring its schema up to date (schema migrate)"));
        writes.lock();
        try {
            if (id.equals(state.primaryId().orElse(""))) {
                throw new MetricsStoreException("the secondary " + config.secondary().describe() + " is the primary's"
                        + " database (instance id " + id + "); give the secondary a store of its own");
            }
            Optional<String> known = state.secondaryId();
            if (known.isEmpty()) {
                state.set("secondary.id", id);
                state.setApplied(id, mirror.applied());
                state.save(config.outboxDirectory());
            } else if (!known.get().equals(id)) {
                LOG.error("dual store: the secondary {} is not the store mirrored to so far (instance id {}, now {}):"
                        + " it was emptied, recreated or replaced. Nothing of the old mirror is trusted: mirroring"
                        + " starts again with new boundaries and the secondary needs a full backfill",
                        config.secondary().describe(), known.get(), id);
                DualOpening.newEpoch(state, primary, Optional.of(id), outbox.lastSeq());
                stopped = false;
                state.save(config.outboxDirectory());
                mirror.restartAt(outbox.lastSeq());
            }
        } finally {
            writes.unlock();
        }
    }

    /** The outbox drained after a stop: raise the boundaries over what was missed and mirror again. */
    void resumeMirroring() {
        writes.lock();
        try {
            for (StoreTable table : StoreTable.values()) {
                for (TimeRange gap : state.gaps(table)) {
                    state.raiseBoundary(table, gap.to());
                }
            }
            state.remove("mirroring.stopped");
            state.save(config.outboxDirectory());
            stopped = false;
            fullReported = false;
            LOG.info("dual store: the outbox has drained; mirroring again, and copying what the secondary missed");
        } finally {
            writes.unlock();
        }
    }

    /** One missed range has been copied into the secondary. */
    void gapCopied(StoreTable table, TimeRange copied) {
        writes.lock();
        try {
            List<TimeRange> left = new java.util.ArrayList<>(state.gaps(table));
            left.remove(copied);
            state.setGaps(table, left);
            state.save(config.outboxDirectory());
        } finally {
            writes.unlock();
        }
    }

    // ---- writes --------------------------------------------------------------------------------------------

    @Override
    public String backendName() {
        return NAME;
    }

    @Override
    public long insertMetrics(Collection<MetricPoint> points, WriteId writeId) {
        List<MetricPoint> batch = List.copyOf(requireNonNull(points, "points is null"));
        requireNonNull(writeId, "writeId is null");
        return write(new MirroredWrite.Points(writeId, batch),
                gate -> gatedPrimary.insertMetrics(batch, writeId, gate), batch.isEmpty());
    }

    @Override
    public long upsertCandles(Collection<Candle> candles, WriteId writeId) {
        List<Candle> batch = List.copyOf(requireNonNull(candles, "candles is null"));
        requireNonNull(writeId, "writeId is null");
        return write(new MirroredWrite.Candles(writeId, batch),
                gate -> gatedPrimary.upsertCandles(batch, writeId, gate), batch.isEmpty());
    }

    @Override
    public long upsertPerformance(Collection<PerformanceSnapshot> snapshots, WriteId writeId) {
        List<PerformanceSnapshot> batch = List.copyOf(requireNonNull(snapshots, "snapshots is null"));
        requireNonNull(writeId, "writeId is null");
        return write(new MirroredWrite.Performance(writeId, batch),
                gate -> gatedPrimary.upsertPerformance(batch, writeId, gate), batch.isEmpty());
    }

    @Override
    public long deleteRange(StoreTable table, TimeRange range) {
        requireNonNull(table, "table is null");
        requireNonNull(range, "range is null");
        return write(new MirroredWrite.DeleteRange(table, range),
                gate -> afterGate(gate, () -> primary.deleteRange(table, range)), range.isEmpty());
    }

    @Override
    public Map<StoreTable, Long> deleteOlderThan(Instant cutoff) {
        requireNonNull(cutoff, "cutoff is null");
        return write(new MirroredWrite.DeleteOlder(cutoff),
                gate -> afterGate(gate, () -> primary.deleteOlderThan(cutoff)), false);
    }

    /** A write to the primary whose commit waits for the gate. */
    @FunctionalInterface
    private interface PrimaryWrite<T> {
        T write(Runnable beforeCommit);
    }

    /** A write the primary cannot gate: it begins once the gate has opened. */
    private static <T> T afterGate(Runnable gate, Supplier<T> onPrimary) {
        gate.run();
        return onPrimary.get();
    }

    /** The writes of a primary that cannot gate its commits: each begins once its gate has opened. */
    private record AfterGate(MetricsStore primary) implements CommitGatedWrites {
        @Override
        public long insertMetrics(Collection<MetricPoint> points, WriteId writeId, Runnable beforeCommit) {
            return afterGate(beforeCommit, () -> primary.insertMetrics(points, writeId));
        }

        @Override
        public long upsertCandles(Collection<Candle> candles, WriteId writeId, Runnable beforeCommit) {
            return afterGate(beforeCommit, () -> primary.upsertCandles(candles, writeId));
        }

        @Override
        public long upsertPerformance(Collection<PerformanceSnapshot> snapshots, WriteId writeId,
                                      Runnable beforeCommit) {
            return afterGate(beforeCommit, () -> primary.upsertPerformance(snapshots, writeId));
        }
    }

    /**
     * Appends the write's record to the outbox (forced to disk, on the appender's thread) while the primary takes
     * the write, and lets the primary commit only once the record is there, so that a write the primary committed is
     * never missing from the outbox, whatever moment the process dies at; then marks how the primary answered.
     * One write at a time: the outbox's order is the primary's commit order.
     */
    private <T> T write(MirroredWrite write, PrimaryWrite<T> onPrimary, boolean nothingToMirror) {
        ensureOpen();
        if (outbox == null || nothingToMirror) {
            // read-only (the primary refuses), or an empty batch the primary checks alone
            return onPrimary.write(() -> {});
        }
        writes.lock();
        long began = System.nanoTime();
        try {
            ensureOpen();
            RecordGate record = new RecordGate(write);
            T result;
            try {
                result = onPrimary.write(record);
                record.run(); // a write that stored nothing (its id recorded already) may not have run the gate
            } catch (WriteOutcomeUnknownException e) {
                mark(Outbox.IN_DOUBT, record.seqOrZero());
                throw e;
            } catch (RuntimeException | Error e) {
                mark(Outbox.CANCEL, record.seqOrZero());
                throw e;
            }
            mark(Outbox.ACK, record.seqOrZero());
            return result;
        } finally {
            activity.record(began, System.nanoTime());
            writes.unlock();
        }
    }

    /** @return whether the app is writing now, or has not paused since it wrote ({@link WriteActivity}) */
    boolean writing() {
        return writes.isLocked() || activity.writing(System.nanoTime());
    }

    /**
     * The gate of one write's commit on the primary: open once the write's outbox record is appended, or once the
     * outbox's refusal has been dealt with as {@code on-outbox-full} says (the write refused, or mirroring stopped
     * and the write's ranges recorded as missed). While mirroring is stopped, the ranges are recorded at once.
     * Runs on the caller's thread, under the write lock.
     */
    private final class RecordGate implements Runnable {
        private final MirroredWrite write;
        private final OutboxAppender.Pending pending;
        /** The record's sequence number once the gate has opened, 0 when the write is not mirrored. */
        private long seq = -1;

        RecordGate(MirroredWrite write) {
            this.write = write;
            if (stopped) {
                recordMissed(write);
                pending = null;
                seq = 0;
            } else {
                pending = appender.append(write);
            }
        }

        @Override
        public void run() {
            if (seq < 0) {
                OutboxAppender.Appended appended = pending.await();
                seq = appended.refusal().isEmpty() ? appended.seq() : refused(write, appended.refusal().get());
            }
        }

        /** @return the record's sequence number, 0 when there is none; waits for the append to end */
        long seqOrZero() {
            return seq >= 0 ? seq : pending.seqOrZero();
        }
    }

    /**
     * The outbox did not take the write's record: refuses the write, or stops mirroring, as configured.
     *
     * @return 0 (the write is not mirrored) when mirroring stopped
     */
    private long refused(MirroredWrite write, String why) {
        String secondary = "the secondary " + config.secondary().describe() + " has not taken writes"
                + mirror.oldestWaiting().map(t -> " since " + t).orElse("") + " ("
                + mirror.lastError().orElse("no error reported") + ")";
        if (config.onOutboxFull() == OnOutboxFull.FAIL_WRITES) {
            if (!fullReported) {
                fullReported = true;
                LOG.error("dual store: {}: {}; writes fail until it takes them (on-outbox-full = fail-writes)", why,
                        secondary);
            }
            throw new DualOutboxFullException("write refused, nothing stored: " + why + " and " + secondary
                    + "; bring the secondary back (writes succeed again once the outbox drains), or set "
                    + DualStoreConfig.BLOCK + ".on-outbox-full = stop-mirroring");
        }
        Instant now = Instant.now();
        state.setInstant("mirroring.stopped", now);
        state.save(config.outboxDirectory());
        stopped = true;
        LOG.error("dual store: {}: {}; mirroring STOPPED at {} (on-outbox-full = stop-mirroring). Writes go to the "
                + "primary only; the secondary is marked as missing them, and the dual store copies them from the "
                + "primary once the secondary is back and the outbox has drained", why, secondary, now);
        recordMissed(write);
        return 0;
    }

    /** While mirroring is stopped: the ranges the write touches are recorded before the primary commits it. */
    private void recordMissed(MirroredWrite write) {
        boolean changed = false;
        for (Map.Entry<StoreTable, TimeRange> touched : write.touched().entrySet()) {
            List<TimeRange> before = state.gaps(touched.getKey());
            List<TimeRange> after = Ranges.union(before, touched.getValue());
            if (!after.equals(before)) {
                state.setGaps(touched.getKey(), after);
                changed = true;
            }
        }
        if (changed) {
            state.save(config.outboxDirectory()); // throws before the primary commits: nothing lost unrecorded
        }
    }

    private void mark(byte marker, long seq) {
        if (seq == 0) {
            return;
        }
        try {
            outbox.appendMarker(marker, seq, marker == Outbox.CANCEL);
        } catch (IOException e) {
            LOG.error("dual store: cannot mark outbox record {} ({}): {}; if the process stops now, the next open "
                    + "applies that write to the primary again (exactly once, by its write id)", seq, marker,
                    e.getMessage());
        } finally {
            resolvedSeq = seq;
            mirror.wake();
        }
    }

    // ---- reads: the primary's answers ------------------------------------------------------------------------

    @Override
    public List<MetricPoint> queryMetrics(MetricQuery query) {
        ensureOpen();
        return shadow("queryMetrics", primary.queryMetrics(query), s -> s.queryMetrics(query));
    }

    @Override
    public List<AggregatedBucket> aggregate(AggregationQuery query) {
        ensureOpen();
        return shadow("aggregate", primary.aggregate(query), s -> s.aggregate(query));
    }

    @Override
    public List<MetricPoint> latest(LatestQuery query) {
        ensureOpen();
        return shadow("latest", primary.latest(query), s -> s.latest(query));
    }

    @Override
    public List<Candle> candles(CandleQuery query) {
        ensureOpen();
        return shadow("candles", primary.candles(query), s -> s.candles(query));
    }

    @Override
    public List<Candle> rollUpCandles(CandleQuery query, Interval interval) {
        ensureOpen();
        return shadow("rollUpCandles", primary.rollUpCandles(query, interval), s -> s.rollUpCandles(query, interval));
    }

    @Override
    public List<Candle> candlesFromMetrics(MetricCandleQuery query) {
        ensureOpen();
        return shadow("candlesFromMetrics", primary.candlesFromMetrics(query), s -> s.candlesFromMetrics(query));
    }

    @Override
    public List<PerformanceSnapshot> performanceHistory(TimeRange range) {
        ensureOpen();
        return shadow("performanceHistory", primary.performanceHistory(range), s -> s.performanceHistory(range));
    }

    @Override
    public Optional<PerformanceSummary> performanceSummary(TimeRange range) {
        ensureOpen();
        return shadow("performanceSummary", primary.performanceSummary(range), s -> s.performanceSummary(range));
    }

    @Override
    public Stream<MetricPoint> streamMetrics(TimeRange range) {
        ensureOpen();
        return primary.streamMetrics(range);
    }

    @Override
    public Stream<Candle> streamCandles(TimeRange range) {
        ensureOpen();
        return primary.streamCandles(range);
    }

    @Override
    public Stream<PerformanceSnapshot> streamPerformance(TimeRange range) {
        ensureOpen();
        return primary.streamPerformance(range);
    }

    @Override
    public long count(StoreTable table, TimeRange range) {
        ensureOpen();
        return shadow("count " + table.tableName(), primary.count(table, range), s -> s.count(table, range));
    }

    private <T> T shadow(String what, T answer, java.util.function.Function<MetricsStore, T> read) {
        return shadow == null ? answer : shadow.sample(what, answer, read);
    }

    /**
     * @return the primary's tables; {@link #status()} and {@link #health()} tell the secondary's side. (Retention,
     *         {@code applyRetention}, runs as the interface's default: table by table through {@link #deleteRange},
     *         each delete mirrored in order.)
     */
    @Override
    public List<TableStats> stats() {
        ensureOpen();
        return primary.stats();
    }

    /** Runs the primary's maintenance; the secondary's own runs where it is the primary, or by its own tools. */
    @Override
    public void optimize() {
        ensureOpen();
        primary.optimize();
    }

    /**
     * @return healthy when the primary answers; the message and details tell both stores, whether mirroring runs,
     *         the outbox's depth and age, the last replay error and each table's boundary
     */
    @Override
    public StoreHealth health() {
        StoreHealth first = primary.health();
        Map<String, String> details = new LinkedHashMap<>();
        first.details().forEach((k, v) -> details.put("primary." + k, v));
        details.put("primary.backend", first.backend());
        details.put("primary.healthy", Boolean.toString(first.healthy()));
        details.put("primary.message", first.message());
        String second;
        if (mirror == null) {
            second = "not opened (read-only)";
        } else {
            Optional<MetricsStore> secondary = mirror.secondary();
            if (secondary.isPresent()) {
                StoreHealth other = secondary.get().health();
                other.details().forEach((k, v) -> details.put("secondary." + k, v));
                details.put("secondary.backend", other.backend());
                details.put("secondary.healthy", Boolean.toString(other.healthy()));
                details.put("secondary.message", other.message());
                second = (other.healthy() ? "" : "UNHEALTHY ") + other.message();
            } else {
                details.put("secondary.healthy", "false");
                second = "not open (" + mirror.lastError().orElse(config.secondary().describe()) + ")";
            }
        }
        DualStatus status = status();
        details.put("mirroring", status.mirroring() ? "active" : "STOPPED since " + status.stoppedSince().orElseThrow());
        details.put("epoch", Long.toString(status.epoch()));
        details.put("outbox.directory", status.directory().toString());
        details.put("outbox.records", Long.toString(status.outboxRecords()));
        details.put("outbox.bytes", Long.toString(status.outboxBytes()));
        status.oldestWaiting().ifPresent(t -> details.put("outbox.oldest", t.toString()));
        status.lastReplayError().ifPresent(e -> details.put("last-replay-error", e));
        status.held().ifPresent(h -> details.put("secondary.held", h));
        details.put("shadow-reads", Long.toString(status.shadowReads()));
        details.put("shadow-differences", Long.toString(status.shadowDifferences()));
        for (MirrorState table : status.tables()) {
            String prefix = "table." + table.table().tableName() + ".";
            details.put(prefix + "mirroring-since", table.mirroringSince().toString());
            details.put(prefix + "boundary", table.boundary().toString());
            details.put(prefix + "backfilled", Boolean.toString(table.backfilled()));
            table.catchUpFrom().ifPresent(t -> details.put(prefix + "catch-up-from", t.toString()));
        }
        String mirroring = !status.mirroring() ? "mirroring STOPPED since " + status.stoppedSince().orElseThrow()
                + " (the secondary misses writes; it is caught up once it is back)"
                : status.needsCatchUp() ? "catching up what the secondary missed"
                : status.outboxRecords() + " writes waiting in the outbox";
        return new StoreHealth(first.healthy(), NAME, "dual: primary " + first.message() + "; secondary " + second
                + "; " + mirroring + (status.needsBackfill() ? "; backfill not yet recorded" : ""), details);
    }

    /** @return the primary's answer, with the mirror's state: cheap, like the primary's own ping */
    @Override
    public StoreHealth ping() {
        StoreHealth first = primary.ping();
        Map<String, String> details = new LinkedHashMap<>();
        first.details().forEach((k, v) -> details.put("primary." + k, v));
        if (mirror != null) {
            details.put("secondary.open", Boolean.toString(mirror.secondary().isPresent()));
            details.put("mirroring", stopped ? "STOPPED" : "active");
            details.put("outbox.records", Long.toString(Math.max(0, outbox.lastSeq() - mirror.applied())));
            mirror.lastError().ifPresent(e -> details.put("last-replay-error", e));
        }
        return new StoreHealth(first.healthy(), NAME, "dual: primary " + first.message()
                + (stopped ? "; mirroring STOPPED" : ""), details);
    }

    /** @return the primary's size on disk */
    @Override
    public java.util.OptionalLong bytesOnDisk() {
        ensureOpen();
        return primary.bytesOnDisk();
    }

    @Override
    public SchemaInfo schemaInfo() {
        ensureOpen();
        return primary.schemaInfo();
    }

    /** @return the primary's instance id: the store this one reads from */
    @Override
    public Optional<String> instanceId() {
        return primary.instanceId();
    }

    private void ensureOpen() {
        if (closed) {
            throw new io.tradingmetrics.storage.api.StoreUnavailableException("the dual store over " + config.primary().describe()
                    + " is closed; open a new store");
        }
    }

    /** A clean stop mirrors what the app acknowledged; what cannot be mirrored now stays for the next start. */
    private void drainOutbox() {
        Duration timeout = config.closeDrainTimeout();
        if (timeout.isZero() || mirror.applied() >= outbox.lastSeq()) {
            return;
        }
        long waiting = outbox.lastSeq() - mirror.applied();
        if (mirror.drain(timeout)) {
            LOG.info("dual store: closing; mirrored the {} writes that waited in the outbox", waiting);
        } else {
            LOG.warn("dual store: closing with {} writes still in the outbox {} (the secondary {} did not take them "
                    + "within {}); they are mirrored at the next start", Math.max(0, outbox.lastSeq()
                    - mirror.applied()), config.outboxDirectory(), config.secondary().describe(), timeout);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        writes.lock(); // lets a write in progress finish and mark its record; no write starts after
        try {
            closed = true;
        } finally {
            writes.unlock();
        }
        // Not under the write lock: the mirror takes it to adopt a secondary or resume mirroring.
        try {
            if (mirror != null) {
                drainOutbox();
                mirror.stop(CLOSE_WAIT);
                shadow.close();
            }
        } finally {
            try {
                primary.close();
            } finally {
                if (outbox != null) {
                    appender.close();
                    outbox.close();
                }
            }
        }
    }
}
