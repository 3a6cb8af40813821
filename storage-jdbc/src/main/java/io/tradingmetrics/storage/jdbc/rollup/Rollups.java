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
import io.tradingmetrics.storage.jdbc.SqlBuilder;
import io.tradingmetrics.storage.jdbc.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The rollups a store keeps of its points: per (metric, symbol, bucket) of each configured level, maintained in the
 * transaction of every write and delete, so that a read always reflects every acknowledged write.
 *
 * <ul>
 *   <li>A write sums its batch up per level ({@link RollupAccumulator}), stages the summaries and merges them into
 *       each level with one set-based statement (two on an engine without keys).</li>
 *   <li>A delete rebuilds the buckets it touched from the raw points that remain, so that a rollup never outlives
 *       nor undercounts its raw rows.</li>
 *   <li>A store opened for writing reconciles the levels with its configuration first: a configured level not yet
 *       built (a non-default one, or after rollups were off) is built from the raw points, and a built level the
 *       configuration leaves out is emptied and forgotten, since writes would no longer maintain it. Every process
 *       writing one database must therefore configure the same levels.</li>
 *   <li>Reads use the levels that are both configured and built ({@link #readableLevels}); a database without the
 *       rollup tables (an older system's, opened read-only) has none and is read from raw points.</li>
 * </ul>
 */
public final class Rollups implements DerivedTable {
    private static final Logger LOG = LoggerFactory.getLogger(Rollups.class);

    private final RollupSettings settings;
    private final SqlDialect dialect;
    private final BulkWriter bulkWriter;
    private final RollupSql sql;
    private volatile List<Interval> readable = List.of();
    private volatile boolean maintaining;
    /** The levels a retention run on this thread keeps past its deletion of raw points (see keepPastRawDuring). */
    private final ThreadLocal<Set<Interval>> keptPastRaw = ThreadLocal.withInitial(Set::of);

    public Rollups(RollupSettings settings, SqlDialect dialect, BulkWriter bulkWriter) {
        this.settings = requireNonNull(settings, "settings is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.bulkWriter = requireNonNull(bulkWriter, "bulkWriter is null");
        this.sql = new RollupSql(dialect);
    }

    /** @return the levels aggregations may read, finest first */
    public List<Interval> readableLevels() {
        return readable;
    }

    /** @return the levels writes maintain (all configured ones once a writable store reconciled them) */
    public List<Interval> maintainedLevels() {
        return maintaining ? settings.levels() : List.of();
    }

    /**
     * Learns which levels are built, without changing anything: for a store opened for reading only.
     */
    public void openForReading(Connection connection) throws SQLException {
        Set<Interval> built = builtLevels(connection);
        // No rollup tables (an older system's database read as it is): every aggregation reads raw points.
        readable = built == null ? List.of() : settings.levels().stream().filter(built::contains).toList();
    }

    /**
     * Brings the built levels in line with the configuration, inside the caller's transaction: builds the missing
     * ones from the raw points, empties and forgets the ones no longer configured. Then writes maintain every
     * configured level and reads use them all.
     */
    public void openForWriting(Connection connection) throws SQLException {
        Set<Interval> built = builtLevels(connection);
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
        for (Interval level : RollupSettings.ALLOWED) {
            boolean wanted = settings.levels().contains(level);
            if (wanted && !built.contains(level)) {
                long began = System.nanoTime();
                execute(connection, sql.deleteAll(level));
                long rows = JdbcExecutor.update(connection, sql.buildAllFromRaw(level));
                JdbcExecutor.update(connection, new SqlBuilder().sql("INSERT INTO " + RollupSql.LEVELS_TABLE
                        + " (level, built_at) VALUES (").param(level.label()).sql(", ").param(Instant.now()).sql(")"));
                LOG.info("built the {} rollups from the raw points: {} rows in {} ms", level.label(), rows,
                        (System.nanoTime() - began) / 1_000_000);
            } else if (!wanted && built.contains(level)) {
                execute(connection, sql.deleteAll(level));
                JdbcExecutor.update(connection, new SqlBuilder().sql("DELETE FROM " + RollupSql.LEVELS_TABLE
                        + " WHERE level = ").param(level.label()));
                LOG.info("dropped the {} rollups: the configuration no longer keeps that level", level.label());
            }
        }
        readable = settings.levels();
        maintaining = settings.enabled();
    }

    @Override
    public void pointsAppended(Connection connection, AppendedPoints batch) throws SQLException {
        afterInsert(connection, batch.points());
    }

    @Override
    public void afterPointsDeleted(Connection connection, TimeRange range) throws SQLException {
        afterDelete(connection, range);
    }

    /** Merges a batch of points, just written in this transaction, into every maintained level. */
    void afterInsert(Connection connection, List<MetricPoint> points) throws SQLException {
        List<Interval> levels = maintainedLevels();
        if (levels.isEmpty() || points.isEmpty()) {
            return;
        }
        List<RollupRow> rows = RollupAccumulator.rows(points, levels);
        dialect.createTemporaryTable(connection, RollupSql.STAGING_TABLE, RollupSql.STAGING_DEFINITION);
        bulkWriter.stageRollups(connection, RollupSql.STAGING_TABLE, rows);
        for (Interval level : levels) {
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
     * Rebuilds, inside the delete's transaction and after it, every maintained level's buckets that the deleted
     * range touched, from the raw points that remain: buckets wholly inside the range go, the partial ones at its
     * edges keep what is left of them.
     */
    void afterDelete(Connection connection, TimeRange range) throws SQLException {
        if (range.isEmpty()) {
            return;
        }
        for (Interval level : maintainedLevels()) {
            if (keptPastRaw.get().contains(level)) {
                continue;
            }
            Instant from = level.bucketStart(range.from());
            Instant lastBucket = level.bucketStart(range.to().minusNanos(1_000));
            Instant to = level.next(lastBucket);
            JdbcExecutor.update(connection, sql.deleteBuckets(level, from, to));
            JdbcExecutor.update(connection, sql.buildFromRaw(level, from, to));
        }
    }

    /**
     * For the retention run on this thread, until {@link #keepPastRawDone}: the levels whose keep is longer than the
     * points' (a level without a keep is kept forever) are left as they are when retention deletes old points, so
     * that they outlive them by design. Their buckets before the points' cutoff, the one it cuts included, keep the
     * summary of every point written; {@code aggregate()} answers from them where a level answers the query, and
     * from the remaining raw points (none) otherwise and at a range's edges. Levels kept as long as the points are
     * rebuilt from what remains, as after any delete.
     */
    public void keepPastRawDuring(RetentionPolicy policy) {
        Optional<Duration> raw = policy.keep(StoreTable.TRADING_METRICS);
        Set<Interval> kept = new HashSet<>();
        for (Interval level : maintainedLevels()) {
            Optional<Duration> keep = policy.rollupKeep(Duration.ofNanos(level.widthMicros() * 1_000));
            if (raw.isPresent() && (keep.isEmpty() || keep.get().compareTo(raw.get()) > 0)) {
                kept.add(level);
            }
        }
        keptPastRaw.set(Set.copyOf(kept));
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

    private static long count(Connection connection, SqlBuilder sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** @return the built levels, or null when the database has no rollup tables */
    private static Set<Interval> builtLevels(Connection connection) throws SQLException {
        if (!levelsTableExists(connection)) {
            return null;
        }
        Set<Interval> built = new HashSet<>();
        List<String> labels = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT level FROM " + RollupSql.LEVELS_TABLE)) {
            while (rows.next()) {
                labels.add(rows.getString(1));
            }
        }
        for (String label : labels) {
            RollupSettings.ALLOWED.stream().filter(level -> level.label().equals(label)).forEach(built::add);
        }
        return built;
    }

    private static boolean levelsTableExists(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_name = ?")) {
            statement.setString(1, RollupSql.LEVELS_TABLE);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1) > 0;
            }
        }
    }

    private static void execute(Connection connection, String statementText) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(statementText);
        }
    }
}
