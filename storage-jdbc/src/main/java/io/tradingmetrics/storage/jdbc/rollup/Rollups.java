package io.tradingmetrics.storage.jdbc.rollup;

import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableRetention;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import io.tradingmetrics.storage.jdbc.AppendedPoints;
import io.tradingmetrics.storage.jdbc.BulkWriter;
import io.tradingmetrics.storage.jdbc.DerivedTable;
import io.tradingmetrics.storage.jdbc.JdbcExecutor;
import io.tradingmetrics.storage.jdbc.SeriesCatalogue;
import io.tradingmetrics.storage.jdbc.SqlBuilder;
import io.tradingmetrics.storage.jdbc.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * The rollups a store keeps of its points: per (metric, symbol, bucket) of each configured level, refreshed from
 * the raw points in the background and kept exact by every write and delete, so that a read always reflects every
 * acknowledged write.
 *
 * <ul>
 *   <li>Each level has a watermark, {@code refreshed_through}: its buckets before it hold every point stored in
 *       them, it holds none at or after it. Aggregations read the level before the watermark and the raw points
 *       from it on ({@link RollupReads}).</li>
 *   <li>{@link #refresh} (the store's background thread, and {@code optimize()}) sums up the raw points between a
 *       level's watermark and the newest point less the configured lag in one set-based insert, and moves the
 *       watermark there. The writes of points at or after the watermark, nearly all of them, cost nothing more.</li>
 *   <li>A write of points before a watermark (late points) merges their summaries into the level in its own
 *       transaction; a delete rebuilds the level's buckets before the watermark that it touched from the raw points
 *       that remain, so that a rollup never outlives nor undercounts its raw rows.</li>
 *   <li>Writers and the refresh agree on the watermark: on an engine whose one writing process serializes its
 *       writes, the refresh is planned under that lock and sums up beside the writes of newer points, while writes
 *       of older points and deletes wait for it ({@link #refreshStarted}); on PostgreSQL, writes read the levels
 *       {@code FOR SHARE} and the refresh locks them {@code FOR UPDATE}, so that it waits for the writes under way
 *       and sees their points.</li>
 *   <li>A store opened for writing reconciles the levels with its configuration first: a configured level not yet
 *       built is built from the raw points, and a built level the configuration leaves out is emptied and forgotten.
 *       Every process writing one database must therefore configure the same levels.</li>
 *   <li>Reads use the levels that are both configured and built ({@link #readableLevels}); a database without the
 *       rollup tables (an older system's, opened read-only) has none and is read from raw points.</li>
 *   <li>A level whose rows sum up fewer than {@code min-points-per-row} points each (series too sparse for its
 *       width: a 1-minute level of a point every few minutes holds a second copy of every point) is not regrouped,
 *       and once a refresh (or its counts at start-up) holds {@link #MIN_JUDGED_ROWS} rows that sparse, it goes
 *       dormant (until its counts hold that many rows, a refresh counts what it would write first, so that a new
 *       store's sparse level goes dormant without writing it): the refresh leaves its watermark where it is, so
 *       that it costs the writes nothing, and reads do not use it ({@link #levelsToRead}). The refresh probes a
 *       dormant level's newest points once
 *       a {@link #PROBE_INTERVAL} (and at every {@code optimize()}), counting without writing, and wakes it once
 *       they are dense: its next refresh sums up what it missed.</li>
 * </ul>
 */
public final class Rollups implements DerivedTable {
    private static final Logger LOG = LoggerFactory.getLogger(Rollups.class);
    /** The fewest rows a level's refresh (or its counts) must hold to judge it sparse: a few rows prove nothing. */
    private static final long MIN_JUDGED_ROWS = 1_000;
    /** How often the background refresh counts a dormant level's newest points: have they become dense? */
    private static final Duration PROBE_INTERVAL = Duration.ofMinutes(1);
    /** The newest complete buckets of a dormant level that a probe counts. */
    private static final int PROBE_BUCKETS = 4;

    private final RollupSettings settings;
    private final SqlDialect dialect;
    private final BulkWriter bulkWriter;
    private final RollupSql sql;
    private final Clock clock;
    /** The configured and built levels with their watermarks, finest first. */
    private volatile List<RollupLevel> readable = List.of();
    /** Per level, how many rows the refreshes added and how many points those sum up: is it worth reading? */
    private volatile Map<Interval, long[]> summed = Map.of();
    private volatile long readableLoadedAt = System.nanoTime();
    private volatile boolean maintaining;
    private final RollupLevelsTable levelsTable;
    /** The levels a retention run on this thread keeps past its deletion of raw points (see keepPastRawDuring). */
    private final ThreadLocal<Set<Interval>> keptPastRaw = ThreadLocal.withInitial(Set::of);
    private final ReentrantLock refreshGate = new ReentrantLock();
    private final Condition refreshDone = refreshGate.newCondition();
    /** While a refresh runs outside the store's write lock: its latest target (see refreshStarted), else null. */
    private volatile Instant refreshFence;
    /** The maintained levels too sparse to be worth refreshing, and when (nanoTime) each is due a probe. */
    private final Map<Interval, Long> dormantProbeDue = new ConcurrentHashMap<>();
    /**
     * The levels a probe woke whose refresh has not run yet, with the probe's {rows, points}: that refresh sums up
     * their sparse past, and the level's counts start again from the probe's, judging it by its points from now on.
     */
    private final Map<Interval, long[]> woken = new ConcurrentHashMap<>();

    public Rollups(RollupSettings settings, SqlDialect dialect, BulkWriter bulkWriter, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.bulkWriter = requireNonNull(bulkWriter, "bulkWriter is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sql = new RollupSql(dialect);
        this.levelsTable = new RollupLevelsTable(sql);
    }

    /** @return the configured and built levels with their watermarks, finest first */
    public List<RollupLevel> levels() {
        return readable;
    }

    /**
     * @return the levels aggregations may read, finest first: those of {@link #levels} that are not dormant (a
     *         dormant level's watermark stays behind, and a read of its old rows and the raw points past them is
     *         slower than one of the raw points alone)
     */
    public List<RollupLevel> levelsToRead() {
        return readable.stream().filter(level -> !dormantProbeDue.containsKey(level.level())).toList();
    }

    /**
     * @return the levels aggregations may regroup, finest first: those of {@link #levelsToRead} whose rows sum up at
     *         least {@link RollupSettings#minPointsPerRow} points each on average (as the refreshes counted them); a
     *         level that holds about a row per point regroups no faster than the points themselves
     */
    public List<RollupLevel> readableLevels() {
        Map<Interval, long[]> counts = summed;
        return levelsToRead().stream().filter(level -> {
            long[] rowsAndPoints = counts.getOrDefault(level.level(), new long[2]);
            return rowsAndPoints[0] == 0 || dense(rowsAndPoints);
        }).toList();
    }

    /** @return the maintained levels the refresh leaves as they are for now, their rows too sparse to be worth it */
    public Set<Interval> dormantLevels() {
        return Set.copyOf(dormantProbeDue.keySet());
    }

    /** Makes the next refresh probe every dormant level, whenever it last did ({@code optimize()}). */
    public void probeDormantLevelsNow() {
        long now = System.nanoTime();
        dormantProbeDue.replaceAll((level, due) -> now);
    }

    /**
     * @return whether the watermarks this store knows may be older than the database's by more than the refresh
     *         interval: another process may have moved them (a stale watermark is safe, only slower to read)
     */
    public boolean readableMayBeStale() {
        boolean soleRefresher = maintaining && dialect.serializesUpserts();
        return !readable.isEmpty() && !soleRefresher
                && System.nanoTime() - readableLoadedAt > settings.refreshInterval().toNanos();
    }

    /** @return the levels this store maintains (all configured ones once a writable store reconciled them) */
    public List<Interval> maintainedLevels() {
        return maintaining ? settings.levels() : List.of();
    }

    /** @return the refresh settings */
    public RollupSettings settings() {
        return settings;
    }

    /**
     * Learns which levels are built and their watermarks, without changing anything: for a store opened for reading
     * only, and again whenever {@link #readableMayBeStale}.
     */
    public void openForReading(Connection connection) throws SQLException {
        Map<Interval, Instant> built = builtLevels(connection, "");
        // No rollup tables (an older system's database read as it is): every aggregation reads raw points.
        readable = built == null ? List.of() : readableOf(built);
        readableLoadedAt = System.nanoTime();
    }

    /**
     * Brings the built levels in line with the configuration, inside the caller's transaction: builds the missing
     * ones from the raw points up to the refresh horizon, empties and forgets the ones no longer configured. Then
     * writes maintain every configured level and reads use them all.
     */
    public void openForWriting(Connection connection) throws SQLException {
        Map<Interval, Instant> built = builtLevels(connection, "");
        if (built == null) {
            return; // no rollup tables: a schema this store did not migrate (never the case for a writable store)
        }
        if (built.isEmpty() && settings.levels().isEmpty()) {
            return; // rollups off and none built (the default): nothing to lock, build or empty at start-up
        }
        List<String> tables = new ArrayList<>();
        RollupSettings.ALLOWED.forEach(level -> tables.add(RollupSettings.tableOf(level)));
        tables.add(RollupSql.LEVELS_TABLE);
        dialect.lockRollupTables(connection, tables);
        Optional<Instant> horizon = horizon(connection, Timestamps.MIN);
        Map<Interval, Instant> through = new HashMap<>();
        for (Interval level : RollupSettings.ALLOWED) {
            boolean wanted = settings.levels().contains(level);
            Instant watermark = horizon.map(level::bucketStart).orElse(Timestamps.MIN);
            if (wanted && !built.containsKey(level)) {
                long began = System.nanoTime();
                execute(connection, sql.deleteAll(level));
                levelsTable.insert(connection, level, clock.instant());
                long rows = levelsTable.sumUp(connection, level, Timestamps.MIN, watermark)[0];
                LOG.info("built the {} rollups from the raw points: {} rows in {} ms", level.label(), rows,
                        (System.nanoTime() - began) / 1_000_000);
                through.put(level, watermark);
            } else if (wanted && built.get(level).equals(Timestamps.MAX)) {
                // Built by a version that kept every bucket at write time: complete, so only cut at a watermark.
                levelsTable.cutAt(connection, level, watermark);
                through.put(level, watermark);
            } else if (wanted) {
                through.put(level, built.get(level));
            } else if (built.containsKey(level)) {
                execute(connection, sql.deleteAll(level));
                levelsTable.delete(connection, level);
                LOG.info("dropped the {} rollups: the configuration no longer keeps that level", level.label());
            }
        }
        builtLevels(connection, ""); // the counts, as the building left them
        dormantProbeDue.clear();
        woken.clear();
        for (Interval level : settings.levels()) {
            long[] rowsAndPoints = summed.getOrDefault(level, new long[2]);
            if (sparse(rowsAndPoints)) {
                dormantProbeDue.put(level, System.nanoTime() + PROBE_INTERVAL.toNanos());
                LOG.info("the {} rollups are dormant: their {} rows sum up {} points, fewer than min-points-per-row"
                        + " ({}) each; aggregations read raw points instead until the refresh finds the points dense",
                        level.label(), rowsAndPoints[0], rowsAndPoints[1], settings.minPointsPerRow());
            }
        }
        readable = readableOf(through);
        readableLoadedAt = System.nanoTime();
        maintaining = settings.enabled();
    }

    /**
     * Moves every maintained level's watermark up to the refresh horizon (the newest point, or now if that is
     * earlier, less the lag), summing up the raw points in between, inside the caller's transaction: {@link
     * #planRefresh} then {@link #applyRefresh}. Reads go on with the old watermarks until the store hands the new
     * ones to {@link #refreshed} after the commit.
     *
     * @return the levels' watermarks as this transaction leaves them
     */
    public Map<Interval, Instant> refresh(Connection connection) throws SQLException {
        return applyRefresh(connection, planRefresh(connection));
    }

    /**
     * Where each maintained level's watermark moves from and to, read in the refresh's transaction: on PostgreSQL
     * under the levels' row locks, which wait for the writes under way; where the store serializes its writes,
     * under its write lock, so that the transaction's snapshot holds every write before and {@link
     * #refreshStarted} fences the writes after.
     */
    public RefreshPlan planRefresh(Connection connection) throws SQLException {
        if (!maintaining) {
            return RefreshPlan.NONE;
        }
        Map<Interval, Instant> through = builtLevels(connection, dialect.rowLock(true));
        if (through == null) {
            return RefreshPlan.NONE;
        }
        Instant lowest = through.values().stream().min(Instant::compareTo).orElse(Timestamps.MAX);
        Optional<Instant> horizon = horizon(connection, lowest);
        Map<Interval, Instant> targets = new HashMap<>();
        for (Interval level : maintainedLevels()) {
            Instant from = through.get(level);
            if (from == null || horizon.isEmpty() || dormantProbeDue.containsKey(level)) {
                continue; // dropped by another process's configuration, no point to sum up, or dormant
            }
            Instant to = level.bucketStart(horizon.get());
            if (to.isAfter(from)) {
                targets.put(level, to);
            }
        }
        return new RefreshPlan(through, targets, horizon);
    }

    /**
     * Sums up the raw points of each level between its watermark and its target, and moves the watermark there; a
     * level whose new rows are too sparse goes dormant, and a dormant level whose newest points a probe finds dense
     * wakes, for the next refresh.
     *
     * @return the levels' watermarks as this transaction leaves them
     */
    public Map<Interval, Instant> applyRefresh(Connection connection, RefreshPlan plan) throws SQLException {
        Map<Interval, Instant> through = new HashMap<>(plan.through());
        Map<Interval, long[]> counts = summed;
        for (Map.Entry<Interval, Instant> target : plan.targets().entrySet()) {
            Interval level = target.getKey();
            long[] probed = woken.remove(level);
            if (probed == null && counts.getOrDefault(level, new long[2])[0] < MIN_JUDGED_ROWS) {
                // Not judged yet (a new store): count before writing, or a level too sparse for its series would
                // first write a second copy of every point stored so far.
                long[] counted = countNewest(connection, level, through.get(level), target.getValue());
                if (sparse(counted)) {
                    levelsTable.restartCounts(connection, level, counted);
                    goDormant(level, "its " + counted[1] + " points would make " + counted[0] + " rows");
                    continue;
                }
            }
            long[] rowsAndPoints = levelsTable.sumUp(connection, level, through.get(level), target.getValue());
            through.put(level, target.getValue());
            if (probed != null) {
                levelsTable.restartCounts(connection, level, probed);
            } else if (sparse(rowsAndPoints)) {
                goDormant(level, "the refresh summed up " + rowsAndPoints[1] + " points into " + rowsAndPoints[0]
                        + " rows");
            }
        }
        if (plan.horizon().isPresent()) {
            probeDormant(connection, plan.horizon().get());
        }
        return through;
    }

    /**
     * @return the rows the level would hold of the newest points in [from, to) and the points they would sum up:
     *         of its newest {@link #PROBE_BUCKETS} buckets, four times as many each round until they hold enough rows
     *         to judge the level or are the whole range, so that a dense level is judged by a few buckets and a
     *         sparse one by about as many points as it takes to hold {@link #MIN_JUDGED_ROWS} rows
     */
    private long[] countNewest(Connection connection, Interval level, Instant from, Instant to) throws SQLException {
        Duration range = Duration.between(from, to);
        Duration width = Duration.of(level.widthMicros(), ChronoUnit.MICROS);
        for (long buckets = PROBE_BUCKETS; width.multipliedBy(buckets).compareTo(range) < 0; buckets *= 4) {
            long[] counted = levelsTable.probe(connection, level, to.minus(width.multipliedBy(buckets)), to);
            if (counted[0] >= MIN_JUDGED_ROWS) {
                return counted;
            }
        }
        return levelsTable.probe(connection, level, from, to);
    }

    private void goDormant(Interval level, String why) {
        dormantProbeDue.put(level, System.nanoTime() + PROBE_INTERVAL.toNanos());
        LOG.info("the {} rollups go dormant: {}, fewer than min-points-per-row ({}) each; aggregations read raw"
                + " points instead until the refresh finds the points dense", level.label(), why,
                settings.minPointsPerRow());
    }

    /** Counts the newest complete buckets of each dormant level due a probe, and wakes those that are dense. */
    private void probeDormant(Connection connection, Instant horizon) throws SQLException {
        long now = System.nanoTime();
        for (Map.Entry<Interval, Long> dormant : dormantProbeDue.entrySet()) {
            Interval level = dormant.getKey();
            if (now - dormant.getValue() < 0) {
                continue;
            }
            dormant.setValue(now + PROBE_INTERVAL.toNanos());
            Instant to = level.bucketStart(horizon);
            Instant from = to.minusNanos(level.widthMicros() * 1_000 * PROBE_BUCKETS);
            long[] rowsAndPoints = levelsTable.probe(connection, level, from, to);
            if (rowsAndPoints[0] > 0 && dense(rowsAndPoints)) {
                dormantProbeDue.remove(level);
                woken.put(level, rowsAndPoints);
                LOG.info("the {} rollups wake: their newest {} points would make {} rows, at least"
                        + " min-points-per-row ({}) each; the next refresh sums up what they missed", level.label(),
                        rowsAndPoints[1], rowsAndPoints[0], settings.minPointsPerRow());
            }
        }
    }

    /** @return whether {rows, points} hold enough rows to judge, at fewer than min-points-per-row points each */
    private boolean sparse(long[] rowsAndPoints) {
        return rowsAndPoints[0] >= MIN_JUDGED_ROWS && !dense(rowsAndPoints);
    }

    private boolean dense(long[] rowsAndPoints) {
        return rowsAndPoints[1] >= settings.minPointsPerRow() * rowsAndPoints[0];
    }

    /**
     * Marks a refresh planned under the store's write lock as running outside it, until {@link #refreshEnded}: a
     * write whose points all lie at or after its targets goes on meanwhile (its points are the raw reads' either
     * way), any other write of points waits ({@link #fences}), as does a delete ({@link #refreshing}), so that no
     * write merges into, nor deletes from, buckets the refresh is summing up.
     */
    public void refreshStarted(RefreshPlan plan) {
        // No signal needed: waiters only wait for it to end.
        refreshFence = plan.targets().values().stream().max(Instant::compareTo).orElse(null);
    }

    /** Ends {@link #refreshStarted}, after the refresh committed and {@link #refreshed}, or failed. */
    public void refreshEnded() {
        refreshGate.lock();
        try {
            refreshFence = null;
            refreshDone.signalAll();
        } finally {
            refreshGate.unlock();
        }
    }

    /**
     * @return whether a refresh runs outside the store's write lock whose targets lie after a point of the batch:
     *         then the write waits for it
     */
    public boolean fences(List<MetricPoint> points) {
        Instant fence = refreshFence;
        return fence != null && earliest(points).isBefore(fence);
    }

    /** @return whether a refresh runs outside the store's write lock: a delete waits for it */
    public boolean refreshing() {
        return refreshFence != null;
    }

    /** Waits, before a write's transaction begins, while a refresh under way fences it. */
    public void awaitRefreshWhile(BooleanSupplier fenced) {
        if (refreshFence == null) {
            return;
        }
        refreshGate.lock();
        try {
            while (fenced.getAsBoolean()) {
                refreshDone.awaitUninterruptibly();
            }
        } finally {
            refreshGate.unlock();
        }
    }

    /** Makes reads use the watermarks of a committed {@link #refresh}. */
    public void refreshed(Map<Interval, Instant> through) {
        if (!through.isEmpty()) {
            readable = readableOf(through);
            readableLoadedAt = System.nanoTime();
        }
    }

    @Override
    public void pointsAppended(Connection connection, AppendedPoints batch) throws SQLException {
        afterInsert(connection, batch.points());
    }

    @Override
    public void afterPointsDeleted(Connection connection, TimeRange range) throws SQLException {
        afterDelete(connection, range);
    }

    /**
     * Merges the points of a batch, just written in this transaction, that fall before a maintained level's
     * watermark into that level; the others are the refresh's.
     */
    void afterInsert(Connection connection, List<MetricPoint> points) throws SQLException {
        if (maintainedLevels().isEmpty() || points.isEmpty()) {
            return;
        }
        List<RollupLevel> levels = watermarksForWrite(connection);
        Instant earliest = earliest(points);
        List<RollupLevel> late = levels.stream().filter(l -> earliest.isBefore(l.refreshedThrough())).toList();
        if (late.isEmpty()) {
            return; // the common case: every point is newer than every watermark
        }
        List<RollupRow> rows = RollupAccumulator.rows(points, late);
        dialect.createTemporaryTable(connection, RollupSql.STAGING_TABLE, RollupSql.STAGING_DEFINITION);
        bulkWriter.stageRollups(connection, RollupSql.STAGING_TABLE, rows);
        for (RollupLevel rollup : late) {
            Interval level = rollup.level();
            if (dialect.rollupTablesHaveKeys()) {
                JdbcExecutor.update(connection, sql.upsert(level));
            } else {
                Instant first = Timestamps.MAX;
                Instant last = Timestamps.MIN;
                for (RollupRow row : rows) {
                    if (row.level() == level) {
                        first = row.bucket().isBefore(first) ? row.bucket() : first;
                        last = row.bucket().isAfter(last) ? row.bucket() : last;
                    }
                }
                for (SqlBuilder statement : sql.updateThenInsert(level, first, last)) {
                    JdbcExecutor.update(connection, statement);
                }
            }
        }
        dialect.dropTemporaryTable(connection, RollupSql.STAGING_TABLE);
    }

    /**
     * Rebuilds, inside the delete's transaction and after it, every maintained level's buckets before its watermark
     * that the deleted range touched, from the raw points that remain: buckets wholly inside the range go, the
     * partial ones at its edges keep what is left of them.
     */
    void afterDelete(Connection connection, TimeRange range) throws SQLException {
        if (range.isEmpty() || maintainedLevels().isEmpty()) {
            return;
        }
        for (RollupLevel rollup : watermarksForWrite(connection)) {
            Interval level = rollup.level();
            if (keptPastRaw.get().contains(level)) {
                continue;
            }
            Instant from = level.bucketStart(range.from());
            Instant lastBucket = level.bucketStart(range.to().minusNanos(1_000));
            Instant to = level.next(lastBucket);
            to = to.isAfter(rollup.refreshedThrough()) ? rollup.refreshedThrough() : to;
            if (from.isBefore(to)) {
                JdbcExecutor.update(connection, sql.deleteBuckets(level, from, to));
                JdbcExecutor.update(connection, sql.buildFromRaw(level, from, to));
            }
        }
    }

    /**
     * For the retention run on this thread and in its transaction, until {@link #keepPastRawDone}: the levels whose
     * keep is longer than the points' (a level without a keep is kept forever) are left as they are when retention
     * deletes old points, so that they outlive them by design. First each of them is refreshed at least through the
     * bucket that the points' cutoff cuts, so that its buckets before the cutoff, that one included, keep the summary
     * of every point written; {@code aggregate()} answers from them where a level answers the query, and from the
     * remaining raw points (none) otherwise and at a range's edges. Levels kept as long as the points are rebuilt
     * from what remains, as after any delete.
     *
     * @param pointsCutoff where the run deletes the points before, if it deletes points
     * @return the levels' watermarks as this transaction leaves them, for {@link #refreshed} after the commit;
     *         empty when it moved none
     */
    public Map<Interval, Instant> keepPastRawDuring(Connection connection, RetentionPolicy policy,
                                                    Optional<Instant> pointsCutoff) throws SQLException {
        Optional<Duration> raw = policy.keep(StoreTable.TRADING_METRICS);
        Set<Interval> kept = new HashSet<>();
        for (Interval level : maintainedLevels()) {
            Optional<Duration> keep = policy.rollupKeep(Duration.ofNanos(level.widthMicros() * 1_000));
            if (raw.isPresent() && (keep.isEmpty() || keep.get().compareTo(raw.get()) > 0)) {
                kept.add(level);
            }
        }
        keptPastRaw.set(Set.copyOf(kept));
        if (kept.isEmpty() || pointsCutoff.isEmpty()) {
            return Map.of();
        }
        Map<Interval, Instant> through = builtLevels(connection, dialect.rowLock(true));
        boolean moved = false;
        for (Interval level : kept) {
            Instant from = through.get(level);
            Instant to = level.next(level.bucketStart(pointsCutoff.get()));
            if (from != null && to.isAfter(from)) {
                levelsTable.sumUp(connection, level, from, to);
                through.put(level, to);
                moved = true;
            }
        }
        return moved ? through : Map.of();
    }

    /** Ends {@link #keepPastRawDuring}. */
    public void keepPastRawDone() {
        keptPastRaw.remove();
    }

    /**
     * Applies the policy's keep of each maintained level inside the retention run's transaction: the level's buckets
     * that end at or before its cutoff (now minus the keep) are deleted; a dry run counts them.
     *
     * @return one entry per maintained level, named by its table
     */
    public List<TableRetention> retain(Connection connection, RetentionPolicy policy, Instant now, boolean dryRun)
            throws SQLException {
        List<TableRetention> tables = new ArrayList<>();
        for (Interval level : maintainedLevels()) {
            String table = RollupSettings.tableOf(level);
            Optional<Duration> keep = policy.rollupKeep(Duration.ofNanos(level.widthMicros() * 1_000));
            Optional<Instant> cutoff = keep.flatMap(k -> RetentionPolicy.cutoff(now, k));
            long before = count(connection, new SqlBuilder().sql("SELECT count(*) FROM " + table));
            long removed = 0;
            if (cutoff.isPresent()) {
                Instant end = level.bucketStart(cutoff.get());
                removed = dryRun ? count(connection, new SqlBuilder().sql("SELECT count(*) FROM " + table
                        + " WHERE bucket < ").param(end))
                        : JdbcExecutor.update(connection, new SqlBuilder().sql("DELETE FROM " + table
                        + " WHERE bucket < ").param(end));
            }
            tables.add(new TableRetention(table, keep, cutoff, before, removed));
        }
        return tables;
    }

    /** @return the earliest timestamp of the points, {@link Timestamps#MIN} when there are none (before anything) */
    private static Instant earliest(List<MetricPoint> points) {
        if (points.isEmpty()) {
            return Timestamps.MIN;
        }
        Instant earliest = Timestamps.MAX;
        for (MetricPoint point : points) {
            earliest = point.timestamp().isBefore(earliest) ? point.timestamp() : earliest;
        }
        return earliest;
    }

    private static long count(Connection connection, SqlBuilder sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * @return the watermarks of the maintained levels for a write or delete of points in this transaction: the
     *         store's own where its writes are serialized with the refresh, else read under a share lock that the
     *         refresh waits for
     */
    private List<RollupLevel> watermarksForWrite(Connection connection) throws SQLException {
        if (dialect.serializesUpserts()) {
            return readable;
        }
        Map<Interval, Instant> built = builtLevels(connection, dialect.rowLock(false));
        return readableOf(built == null ? Map.of() : built);
    }

    private List<RollupLevel> readableOf(Map<Interval, Instant> built) {
        return settings.levels().stream().filter(built::containsKey)
                .map(level -> new RollupLevel(level, built.get(level))).toList();
    }

    /**
     * @return the instant the refresh may sum up to: the newest point at or after {@code from}, or now if that is
     *         earlier (a point stamped in the future is left to the raw reads until its time), less the lag; empty
     *         when there is no such point
     */
    private Optional<Instant> horizon(Connection connection, Instant from) throws SQLException {
        // The series catalogue (schema V5, before the rollups' V6) holds every series' newest point, exactly, in the
        // writes' transactions: a few rows, where the points since a dormant level's watermark may be all of them.
        Instant now = clock.instant();
        return SeriesCatalogue.newestTimestamp(connection).filter(last -> !last.isBefore(from))
                .map(last -> (last.isAfter(now) ? now : last).minus(settings.refreshLag()));
    }

    /** @return the built levels with their watermarks, or null without rollup tables; learns their counts too */
    private Map<Interval, Instant> builtLevels(Connection connection, String lock) throws SQLException {
        RollupLevelsTable.Built built = levelsTable.read(connection, lock);
        if (built == null) {
            return null;
        }
        summed = built.counts();
        return new HashMap<>(built.watermarks());
    }

    private static void execute(Connection connection, String statementText) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(statementText);
        }
    }
}
