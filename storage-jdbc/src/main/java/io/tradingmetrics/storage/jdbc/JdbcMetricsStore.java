package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.RetentionPlan;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.RetentionReport;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TableRetention;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;
import io.tradingmetrics.storage.jdbc.rollup.RefreshPlan;
import io.tradingmetrics.storage.jdbc.rollup.RollupReads;
import io.tradingmetrics.storage.jdbc.rollup.RollupSettings;
import io.tradingmetrics.storage.jdbc.rollup.RollupLevel;
import io.tradingmetrics.storage.jdbc.rollup.RollupRefresher;
import io.tradingmetrics.storage.jdbc.rollup.Rollups;
import io.tradingmetrics.storage.spi.CommitGatedWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Every {@link MetricsStore} operation on top of a {@link SqlDialect}, a {@link BulkWriter} and a
 * {@link ConnectionSource}. A backend subclasses it to name itself and fills the protected hooks (engine facts for
 * {@link #health()}, {@link #ensureWritable()}, {@link #deleteRows}); the public operations are final, so that their
 * checks run whatever the backend.
 *
 * <p>Writes validate the whole batch before touching the database and run in one transaction, so a batch is stored
 * whole or not at all. Reads bind their values as parameters or, where the dialect says so, write them as literals
 * ({@link SqlDialect#appendText}). Gap filling and volume rounding are done here, in Java, so that every engine
 * returns the same results. Every write records its {@link WriteId} in the same transaction, and a lost commit is
 * looked up before it is reported (see {@link MetricsStore}); a store over this one may gate the commit
 * ({@link CommitGatedWrites}).
 */
public abstract class JdbcMetricsStore implements MetricsStore, CommitGatedWrites {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcMetricsStore.class);
    /** The gate of a write nobody gates: it commits as soon as its rows are written. */
    private static final Runnable NO_GATE = () -> {};
    /** The width of the finest candles the store holds: a roll-up goes to this interval or a coarser one. */
    private static final Interval FINEST_STORED_CANDLES = Interval.MINUTE_1;
    /** Rows fetched per round trip by the streaming reads. */
    protected static final int STREAM_FETCH_SIZE = 10_000;

    private final String backendName;
    private final ConnectionSource connections;
    private final SqlDialect dialect;
    private final BulkWriter bulkWriter;
    private final FlywaySchemaManager schema;
    private final JdbcExecutor jdbc;
    private final ReadSql reads;
    private final Rollups rollups;
    /** The background refresh of the rollups, in a writable store that keeps them. */
    private volatile RollupRefresher rollupRefresher;
    private final RollupReads rollupReads;
    private final ParsedLabels parsedLabels = new ParsedLabels();
    /** How often a write prunes the write ids (the table stays small between prunes: one row per write). */
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final AtomicBoolean closed = new AtomicBoolean();
    private final Duration writeIdRetention;
    private final AtomicLong nextPrune = new AtomicLong(System.nanoTime());
    /** Held by upserts when the dialect {@linkplain SqlDialect#serializesUpserts serializes} them, else null. */
    private final ReentrantLock upsertLock;
    /** One rollup refresh at a time (the background refresh, optimize()). */
    private final ReentrantLock refreshLock = new ReentrantLock();
    /** The series catalogue, when the schema has it (an older-system database read as it is has none). */
    private final Optional<SeriesCatalogue> catalogue;
    /** The tables derived from the points, maintained in the transaction of every write and delete of points. */
    private final List<DerivedTable> derivedTables;

    /**
     * @param writeIdRetention how long the ids of committed writes are kept, so that a retry with the same
     *        {@link WriteId} within it stores nothing
     */
    protected JdbcMetricsStore(String backendName, ConnectionSource connections, SqlDialect dialect,
                               BulkWriter bulkWriter, SqlErrorTranslator errors, FlywaySchemaManager schema,
                               Duration writeIdRetention) {
        this(backendName, connections, dialect, bulkWriter, errors, schema, writeIdRetention,
                RollupSettings.disabled());
    }

    /**
     * @param rollupSettings the rollups the store keeps; they take effect once the backend calls
     *        {@link #openRollups} (until then every aggregation reads raw points and writes maintain nothing)
     */
    protected JdbcMetricsStore(String backendName, ConnectionSource connections, SqlDialect dialect,
                               BulkWriter bulkWriter, SqlErrorTranslator errors, FlywaySchemaManager schema,
                               Duration writeIdRetention, RollupSettings rollupSettings) {
        this.backendName = requireNonNull(backendName, "backendName is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.bulkWriter = requireNonNull(bulkWriter, "bulkWriter is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.jdbc = new JdbcExecutor(connections, dialect, requireNonNull(errors, "errors is null"));
        this.reads = new ReadSql(dialect);
        this.rollups = new Rollups(requireNonNull(rollupSettings, "rollupSettings is null"), dialect, bulkWriter,
                Clock.systemUTC());
        this.rollupReads = new RollupReads(dialect);
        this.writeIdRetention = requireNonNull(writeIdRetention, "writeIdRetention is null");
        if (writeIdRetention.isNegative() || writeIdRetention.isZero()) {
            throw new IllegalArgumentException("writeIdRetention must be positive: " + writeIdRetention);
        }
        this.upsertLock = dialect.serializesUpserts() ? new ReentrantLock() : null;
        this.catalogue = jdbc.reading("look for the series catalogue", SeriesCatalogue::exists)
                ? Optional.of(new SeriesCatalogue(dialect)) : Optional.empty();
        List<DerivedTable> derived = new ArrayList<>();
        catalogue.ifPresent(derived::add);
        // Maintains nothing until openRollups() reconciled the configured levels.
        derived.add(rollups);
        this.derivedTables = List.copyOf(derived);
        // The one line an open logs at INFO; what Flyway and the drivers say meanwhile is at DEBUG (FlywayLogs).
        LOG.info("opened {} store: {} (schema version {})", backendName, schema.storeDescription(),
                schema.checkedVersion().orElse("not checked"));
    }

    @Override
    public final String backendName() {
        return backendName;
    }

    // ---- writes --------------------------------------------------------------------------------------------

    @Override
    public final long insertMetrics(Collection<MetricPoint> points, WriteId writeId) {
        return insertMetrics(points, writeId, NO_GATE);
    }

    @Override
    public final long insertMetrics(Collection<MetricPoint> points, WriteId writeId, Runnable beforeCommit) {
        List<MetricPoint> batch = validBatch(points, writeId, "metric points");
        requireNonNull(beforeCommit, "beforeCommit is null");
        if (!batch.isEmpty()) {
            // Derived tables update rows that concurrent writes update too: serialized where upserts are.
            write("insert " + batch.size() + " metric points", writeId, !derivedTables.isEmpty(),
                    () -> rollups.fences(batch), connection -> {
                bulkWriter.appendMetrics(connection, batch);
                if (!derivedTables.isEmpty()) {
                    AppendedPoints appended = new AppendedPoints(connection, batch, dialect, bulkWriter);
                    for (DerivedTable table : derivedTables) {
                        table.pointsAppended(connection, appended);
                    }
                }
                beforeCommit.run();
            });
        }
        return batch.size();
    }

    @Override
    public final long upsertCandles(Collection<Candle> candles, WriteId writeId) {
        return upsertCandles(candles, writeId, NO_GATE);
    }

    @Override
    public final long upsertCandles(Collection<Candle> candles, WriteId writeId, Runnable beforeCommit) {
        List<Candle> batch = Batches.lastWins(validBatch(candles, writeId, "candles"),
                c -> new CandleKey(c.timestamp(), c.symbol()));
        requireNonNull(beforeCommit, "beforeCommit is null");
        if (!batch.isEmpty()) {
            write("upsert " + batch.size() + " candles", writeId, true, () -> false, connection -> {
                stageThenMerge(connection, TableColumns.CANDLES, () -> bulkWriter.stageCandles(connection, batch));
                beforeCommit.run();
            });
        }
        return batch.size();
    }

    @Override
    public final long upsertPerformance(Collection<PerformanceSnapshot> snapshots, WriteId writeId) {
        return upsertPerformance(snapshots, writeId, NO_GATE);
    }

    @Override
    public final long upsertPerformance(Collection<PerformanceSnapshot> snapshots, WriteId writeId,
                                        Runnable beforeCommit) {
        List<PerformanceSnapshot> batch = Batches.lastWins(validBatch(snapshots, writeId, "performance snapshots"),
                PerformanceSnapshot::timestamp);
        requireNonNull(beforeCommit, "beforeCommit is null");
        if (!batch.isEmpty()) {
            write("upsert " + batch.size() + " performance snapshots", writeId, true, () -> false, connection -> {
                stageThenMerge(connection, TableColumns.PERFORMANCE,
                        () -> bulkWriter.stagePerformance(connection, batch));
                beforeCommit.run();
            });
        }
        return batch.size();
    }

    /** Loads rows into a staging table. */
    @FunctionalInterface
    private interface Staging {
        void load() throws SQLException;
    }

    /** The engines' bulk loaders cannot update, so an upsert loads a staging table and merges it in one statement. */
    private void stageThenMerge(Connection connection, TableColumns table, Staging staging) throws SQLException {
        dialect.createStaging(connection, table);
        staging.load();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(table.upsertFromStaging());
        }
        dialect.dropStaging(connection, table);
    }

    /** @param fenced whether a rollup refresh under way keeps the write from beginning now */
    private void write(String action, WriteId writeId, boolean upsert, BooleanSupplier fenced,
                       JdbcExecutor.WriteWork work) {
        serialized(upsert, fenced, () -> jdbc.write(action, writeId, work));
        pruneWriteIdsNow(false);
    }

    /**
     * Runs the work holding the upsert lock, when asked and the dialect serializes upserts, and once no rollup
     * refresh under way fences it ({@link Rollups#refreshStarted}); it waits for the refresh without the lock, which
     * the refresh needs if its transaction is retried.
     */
    private <T> T serialized(boolean upsert, BooleanSupplier fenced, Supplier<T> work) {
        if (!upsert || upsertLock == null) {
            return work.get();
        }
        while (true) {
            rollups.awaitRefreshWhile(fenced);
            upsertLock.lock();
            try {
                if (!fenced.getAsBoolean()) {
                    return work.get();
                }
            } finally {
                upsertLock.unlock();
            }
        }
    }

    /**
     * Forgets the write ids older than the retention: from a write at most every {@link #PRUNE_EVERY} (one writer
     * at a time, outside the write's transaction so that writers never contend on it), and at every optimize().
     */
    private void pruneWriteIdsNow(boolean always) {
        long now = System.nanoTime();
        long due = nextPrune.get();
        if (!always && (now - due < 0 || !nextPrune.compareAndSet(due, now + PRUNE_EVERY.toNanos()))) {
            return;
        }
        try {
            jdbc.pruneWriteIds(Instant.now().minus(writeIdRetention));
        } catch (MetricsStoreException e) {
            if (always) {
                throw e;
            }
            // The write itself succeeded; the next write or optimize() prunes again.
        }
    }

    private record CandleKey(Instant timestamp, String symbol) {}

    private <T> List<T> validBatch(Collection<T> batch, WriteId writeId, String what) {
        requireNonNull(batch, what + " is null");
        requireNonNull(writeId, "writeId is null");
        ensureOpen();
        ensureWritable();
        List<T> list = batch instanceof List<T> given ? given : new ArrayList<>(batch);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new InvalidInputException("the batch of " + list.size() + " "
                        + what + " holds null at position " + i + "; remove it (nothing was written)");
            }
        }
        return list;
    }

    // ---- reads ---------------------------------------------------------------------------------------------

    @Override
    public final List<MetricPoint> queryMetrics(MetricQuery query) {
        requireNonNull(query, "query is null");
        ensureOpen();
        return jdbc.list("query metric " + query.metricName(), reads.metrics(query), pointMapper());
    }

    /** Bounded by {@link #bucketCap()}; see {@link BoundedAggregation}. */
    @Override
    public final List<AggregatedBucket> aggregate(AggregationQuery query) {
        requireNonNull(query, "query is null");
        ensureOpen();
        reloadRollupsIfStale();
        List<RollupLevel> built = rollups.levelsToRead();
        List<RollupLevel> dense = rollups.readableLevels();
        return new BoundedAggregation(jdbc, reads, bucketCap(), bounded -> rollupReads.aggregateRows(bounded, built,
                dense).orElseGet(() -> reads.aggregateRows(bounded))).aggregate(query);
    }

    @Override
    public final List<MetricPoint> latest(LatestQuery query) {
        requireNonNull(query, "query is null");
        ensureOpen();
        SqlBuilder sql = catalogue.map(c -> c.latest(query)).orElseGet(() -> dialect.latestPerSeries(query));
        return jdbc.list("read the latest points", sql, pointMapper());
    }

    @Override
    public final List<Candle> candles(CandleQuery query) {
        requireNonNull(query, "query is null");
        ensureOpen();
        return jdbc.list("read candles", reads.candles(query), RowMappers::candle);
    }

    @Override
    public final List<Candle> rollUpCandles(CandleQuery query, Interval interval) {
        requireNonNull(query, "query is null");
        requireNonNull(interval, "interval is null");
        if (interval.compareTo(FINEST_STORED_CANDLES) < 0) {
            // Every coarser interval is a whole number of minutes (months too), so only a finer one is refused.
            throw new InvalidInputException("candles cannot be rolled up to " + interval.label()
                    + ": stored candles are " + FINEST_STORED_CANDLES.label() + " candles or coarser, and a roll-up"
                    + " only makes candles coarser; give " + FINEST_STORED_CANDLES.label() + " or a coarser interval,"
                    + " or build " + interval.label() + " candles from price points");
        }
        ensureOpen();
        BucketCap cap = bucketCap();
        return jdbc.list("roll candles up to " + interval.label(), cap.limited(reads.rollUp(query, interval)),
                cap.counting("the roll-up of candles", interval, RowMappers::candle));
    }

    @Override
    public final List<Candle> candlesFromMetrics(MetricCandleQuery query) {
        requireNonNull(query, "query is null");
        ensureOpen();
        BucketCap cap = bucketCap();
        List<Candle> candles = jdbc.list("build candles from metric " + query.priceMetric(),
                cap.limited(reads.candlesFromMetrics(query)), cap.counting("building candles from metric '"
                        + query.priceMetric() + "'", query.interval(), row -> MetricCandles.candle(row, query)));
        candles.removeIf(Objects::isNull);
        return candles;
    }

    @Override
    public final List<PerformanceSnapshot> performanceHistory(TimeRange range) {
        requireNonNull(range, "range is null");
        ensureOpen();
        return jdbc.list("read performance history", reads.performance(range), RowMappers::performanceSnapshot);
    }

    @Override
    public final Optional<PerformanceSummary> performanceSummary(TimeRange range) {
        requireNonNull(range, "range is null");
        ensureOpen();
        return jdbc.list("summarize performance", reads.performanceSummary(range), PerformanceSummaries::fromRow)
                .get(0);
    }

    // ---- bulk reads ----------------------------------------------------------------------------------------

    @Override
    public final Stream<MetricPoint> streamMetrics(TimeRange range) {
        return stream(StoreTable.TRADING_METRICS, range, pointMapper());
    }

    @Override
    public final Stream<Candle> streamCandles(TimeRange range) {
        return stream(StoreTable.CANDLES, range, RowMappers::candle);
    }

    @Override
    public final Stream<PerformanceSnapshot> streamPerformance(TimeRange range) {
        return stream(StoreTable.PERFORMANCE_HISTORY, range, RowMappers::performanceSnapshot);
    }

    private <T> Stream<T> stream(StoreTable table, TimeRange range, RowMappers.RowMapper<T> mapper) {
        requireNonNull(range, "range is null");
        ensureOpen();
        return jdbc.stream("stream " + table.tableName(), reads.streamAll(table, range), STREAM_FETCH_SIZE, mapper);
    }

    @Override
    public final long count(StoreTable table, TimeRange range) {
        requireNonNull(table, "table is null");
        requireNonNull(range, "range is null");
        ensureOpen();
        return jdbc.list("count " + table.tableName(), reads.count(table, range), row -> row.getLong(1)).get(0);
    }

    // ---- maintenance ---------------------------------------------------------------------------------------

    @Override
    public final List<TableStats> stats() {
        ensureOpen();
        return jdbc.reading("read table statistics", connection -> {
            List<TableStats> stats = new ArrayList<>();
            for (StoreTable table : StoreTable.values()) {
                stats.add(tableStats(connection, table));
            }
            return stats;
        });
    }

    private TableStats tableStats(Connection connection, StoreTable table) throws SQLException {
        SqlBuilder sql = reads.tableStats(table);
        TableStats counted;
        // The result is closed before the next query: a DuckDB connection streams one result at a time.
        try (var statement = connection.prepareStatement(sql.text()); var row = statement.executeQuery()) {
            row.next();
            counted = new TableStats(table, row.getLong(1), JdbcValues.optionalInstant(row, 2),
                    JdbcValues.optionalInstant(row, 3), OptionalLong.empty());
        }
        return new TableStats(table, counted.rowCount(), counted.minTimestamp(), counted.maxTimestamp(),
                dialect.tableBytesOnDisk(connection, table));
    }

    @Override
    public final long deleteRange(StoreTable table, TimeRange range) {
        requireNonNull(table, "table is null");
        requireNonNull(range, "range is null");
        ensureOpen();
        ensureWritable();
        return serialized(!derivedTables.isEmpty() && table == StoreTable.TRADING_METRICS, rollups::refreshing,
                () -> jdbc.inTransaction("delete from " + table.tableName(),
                        connection -> deleteMaintainingDerived(connection, table, range)));
    }

    /**
     * Deletes the rows of the table in the range through {@link #deleteRows}, inside the caller's transaction, and
     * keeps the {@link DerivedTable}s exact around a deletion of points. Every deletion of points (deleteRange,
     * retention) goes through here.
     *
     * @return how many rows were deleted
     */
    protected final long deleteMaintainingDerived(Connection connection, StoreTable table, TimeRange range)
            throws SQLException {
        boolean points = table == StoreTable.TRADING_METRICS;
        if (points) {
            for (DerivedTable derived : derivedTables) {
                derived.beforePointsDeleted(connection, range);
            }
        }
        long deleted = deleteRows(connection, table, range);
        if (points) {
            for (DerivedTable derived : derivedTables) {
                derived.afterPointsDeleted(connection, range);
            }
        }
        return deleted;
    }

    /**
     * Deletes the rows of the table in the range, inside the transaction of {@link #deleteRange}, after its checks;
     * a backend may override it to drop whole partitions.
     *
     * @return how many rows were deleted
     */
    protected long deleteRows(Connection connection, StoreTable table, TimeRange range) throws SQLException {
        return JdbcExecutor.update(connection, reads.deleteRange(table, range));
    }

    /**
     * Decides and deletes in one transaction: the guards are checked against the rows the deletes then see, and a
     * failure leaves every table as it was. Deletes go through {@link #deleteMaintainingDerived} (the derived tables
     * stay exact; TimescaleDB drops whole chunks).
     */
    @Override
    public final RetentionReport applyRetention(RetentionPolicy policy, Instant now) {
        return retention(policy, now, false);
    }

    /** Reads only, on an auto-commit connection. */
    @Override
    public final RetentionReport planRetention(RetentionPolicy policy, Instant now) {
        return retention(policy, now, true);
    }

    private RetentionReport retention(RetentionPolicy policy, Instant now, boolean dryRun) {
        requireNonNull(policy, "policy is null");
        requireNonNull(now, "now is null");
        ensureOpen();
        if (!dryRun) {
            ensureWritable();
        }
        long started = System.nanoTime();
        OptionalLong before = bytesOnDisk();
        record Outcome(List<TableRetention> tables, Optional<String> refusal, Map<Interval, Instant> watermarks) {}
        JdbcExecutor.ConnectionWork<Outcome> work = connection -> {
            RetentionPlan plan;
            try {
                plan = RetentionPlan.of(policy, now, new RetentionFacts(connection, reads));
            } catch (RetentionFacts.Failure e) {
                throw e.getCause();
            }
            Map<StoreTable, Long> deleted = new EnumMap<>(StoreTable.class);
            Map<Interval, Instant> watermarks = Map.of();
            if (!dryRun) {
                // Rollup levels kept longer than the points keep their older buckets when the points go.
                watermarks = rollups.keepPastRawDuring(connection, policy,
                        Optional.ofNullable(plan.deletions().get(StoreTable.TRADING_METRICS)));
                try {
                    for (Map.Entry<StoreTable, Instant> deletion : plan.deletions().entrySet()) {
                        deleted.put(deletion.getKey(), deleteMaintainingDerived(connection, deletion.getKey(),
                                TimeRange.of(TimeRange.all().from(), deletion.getValue())));
                    }
                } finally {
                    rollups.keepPastRawDone();
                }
            }
            List<TableRetention> tables = new ArrayList<>(plan.tables(deleted, dryRun));
            if (plan.refusal().isEmpty()) {
                tables.addAll(retainRollups(connection, policy, now, dryRun));
            }
            return new Outcome(tables, plan.refusal(), watermarks);
        };
        Outcome outcome = dryRun ? jdbc.reading("plan retention", work)
                : serialized(!derivedTables.isEmpty(), rollups::refreshing, () -> {
                    Outcome applied = jdbc.inTransaction("apply retention", work);
                    rollups.refreshed(applied.watermarks());
                    return applied;
                });
        OptionalLong after = dryRun ? before : bytesOnDisk();
        return new RetentionReport(now, dryRun, outcome.tables(), outcome.refusal(), before, after,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Applies the policy's rollup keeps ({@link RetentionPolicy#rollups()}) inside the retention run's transaction,
     * after the tables' deletes and only when no guard refused the run; a dry run only counts.
     *
     * @return one entry per maintained rollup level's table ({@link Rollups#retain})
     */
    protected List<TableRetention> retainRollups(Connection connection, RetentionPolicy policy, Instant now,
                                                 boolean dryRun) throws SQLException {
        return rollups.retain(connection, policy, now, dryRun);
    }

    @Override
    public final OptionalLong bytesOnDisk() {
        ensureOpen();
        return jdbc.reading("measure the store's size", this::storeBytes);
    }

    /**
     * @return the bytes the store takes on disk; by default the sum of the tables' sizes as the dialect tells them
     *         ({@code pg_total_relation_size}, {@code hypertable_size}), empty when it cannot tell one
     */
    protected OptionalLong storeBytes(Connection connection) throws SQLException {
        long total = 0;
        for (StoreTable table : StoreTable.values()) {
            OptionalLong bytes = dialect.tableBytesOnDisk(connection, table);
            if (bytes.isEmpty()) {
                return OptionalLong.empty();
            }
            total += bytes.getAsLong();
        }
        return OptionalLong.of(total);
    }

    @Override
    public final void optimize() {
        ensureOpen();
        if (writable()) {
            pruneWriteIdsNow(true);
            rollups.probeDormantLevelsNow();
            refreshRollups();
        }
        jdbc.withConnection("optimize", connection -> {
            dialect.optimize(connection);
            return null;
        });
    }

    @Override
    public final StoreHealth health() {
        String where = connections.description();
        if (closed.get()) {
            return new StoreHealth(false, backendName, where + ": the store is closed", Map.of());
        }
        try {
            return jdbc.reading("check health", connection -> {
                Map<String, String> details = new LinkedHashMap<>();
                details.put("engine", dialect.engineVersion(connection));
                details.putAll(healthDetails(connection));
                return new StoreHealth(true, backendName, where, details);
            });
        } catch (RuntimeException e) {
            return new StoreHealth(false, backendName, where + ": " + e.getMessage(), Map.of());
        }
    }

    /** One {@code SELECT 1} on a borrowed connection: no table is read, whatever the store holds. */
    @Override
    public final StoreHealth ping() {
        String where = connections.description();
        if (closed.get()) {
            return new StoreHealth(false, backendName, where + ": the store is closed", Map.of());
        }
        try {
            return jdbc.reading("check that the store answers", connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                return new StoreHealth(true, backendName, where, Map.of());
            });
        } catch (RuntimeException e) {
            return new StoreHealth(false, backendName, where + ": " + e.getMessage(), Map.of());
        }
    }

    /** @return engine facts added to {@link #health()}, for example the file size; none by default */
    protected Map<String, String> healthDetails(Connection connection) throws SQLException {
        return Map.of();
    }

    @Override
    public final SchemaInfo schemaInfo() {
        ensureOpen();
        return schema.info();
    }

    @Override
    public final Optional<String> instanceId() {
        ensureOpen();
        return schema.instanceId();
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            RollupRefresher refresher = rollupRefresher;
            if (refresher != null) {
                refresher.close();
            }
            jdbc.closeStreams();
            connections.close();
        }
    }

    /**
     * Makes the configured rollups take effect; a backend calls it once its store is constructed. A writable store
     * reconciles the built levels with the configuration in one transaction (building missing ones from the raw
     * points, which takes a while on a large table); a read-only one only learns which levels it may read.
     */
    protected final void openRollups(boolean writable) {
        if (writable) {
            jdbc.inTransaction("prepare the rollups", connection -> {
                rollups.openForWriting(connection);
                return null;
            });
            if (!rollups.maintainedLevels().isEmpty()) {
                rollupRefresher = new RollupRefresher(connections.description(), rollups.settings().refreshInterval(),
                        this::refreshRollups);
            }
        } else {
            jdbc.reading("read the rollup levels", connection -> {
                rollups.openForReading(connection);
                return null;
            });
        }
    }

    /**
     * Sums up the points written since the last refresh into the rollups (see {@link Rollups#refresh}): what the
     * background refresh and {@code optimize()} run, and what a benchmark times to count the work the writes left
     * to it. Where the dialect serializes the writes, only the plan is made under their lock; the sums, nearly all
     * the work, run beside the writes of newer points (see {@link Rollups#refreshStarted}), on the cores the
     * single-threaded append leaves idle.
     */
    public final void refreshRollups() {
        if (closed.get() || rollups.maintainedLevels().isEmpty()) {
            return;
        }
        if (upsertLock == null) {
            rollups.refreshed(jdbc.inTransaction("refresh the rollups", rollups::refresh));
            return;
        }
        refreshLock.lock();
        try {
            rollups.refreshed(jdbc.inTransaction("refresh the rollups", connection -> {
                RefreshPlan plan;
                upsertLock.lock();
                try {
                    plan = rollups.planRefresh(connection);
                    rollups.refreshStarted(plan);
                } finally {
                    upsertLock.unlock();
                }
                return rollups.applyRefresh(connection, plan);
            }));
        } finally {
            rollups.refreshEnded();
            refreshLock.unlock();
        }
    }

    /** @return a mapper of {@link ReadSql#metricColumns} rows, texts as the dialect selects them */
    private RowMappers.RowMapper<MetricPoint> pointMapper() {
        return RowMappers.metricPoints(dialect.textsCostPerValue(), parsedLabels);
    }

    /** Reads the rollup levels' watermarks again when another process may have moved them. */
    private void reloadRollupsIfStale() {
        if (rollups.readableMayBeStale()) {
            jdbc.reading("read the rollup levels", connection -> {
                rollups.openForReading(connection);
                return null;
            });
        }
    }

    /**
     * @return the watermark of each built level: its buckets before it are summed up, the points from it on are
     *         read raw (see {@link Rollups})
     */
    public final Map<Interval, Instant> rollupWatermarks() {
        reloadRollupsIfStale();
        Map<Interval, Instant> watermarks = new LinkedHashMap<>();
        rollups.levels().forEach(level -> watermarks.put(level.level(), level.refreshedThrough()));
        return watermarks;
    }

    /** @return the maintained rollup levels the refresh leaves behind for now, too sparse to be worth it */
    public final Set<Interval> dormantRollupLevels() {
        return rollups.dormantLevels();
    }

    /** @return the rollup levels configured and built, finest first (none when rollups are off or not built) */
    public final List<Interval> rollupLevels() {
        return rollups.levels().stream().map(RollupLevel::level).toList();
    }

    /**
     * @return the most buckets a time-bucketed read may return; a backend overrides it with its configured
     *         {@code max-buckets}
     */
    protected BucketCap bucketCap() {
        return BucketCap.defaults();
    }

    /**
     * Called before every write; a store opened for reading only overrides it to refuse writes with a message that
     * says how to open it for writing.
     */
    protected void ensureWritable() {
        // Writable by default.
    }

    private boolean writable() {
        try {
            ensureWritable();
            return true;
        } catch (MetricsStoreException e) {
            return false;
        }
    }

    /** @throws StoreUnavailableException when the store has been closed */
    protected void ensureOpen() {
        if (closed.get()) {
            throw new StoreUnavailableException("the " + backendName + " store of "
                    + connections.description() + " is closed; open a new store");
        }
    }
}
