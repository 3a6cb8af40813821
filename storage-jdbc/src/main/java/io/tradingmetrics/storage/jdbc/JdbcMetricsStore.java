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
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Every {@link MetricsStore} operation on top of a {@link SqlDialect}, a {@link BulkWriter} and a
 * {@link ConnectionSource}. A backend subclasses it to name itself and to add engine facts to {@link #health()}.
 *
 * <p>Writes validate the whole batch before touching the database and run in one transaction, so a batch is stored
 * whole or not at all. Reads bind every value as a parameter. Gap filling and volume rounding are done here, in
 * Java, so that every engine returns the same results.
 */
public abstract class JdbcMetricsStore implements MetricsStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcMetricsStore.class);
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
    private final AtomicBoolean closed = new AtomicBoolean();

    protected JdbcMetricsStore(String backendName, ConnectionSource connections, SqlDialect dialect,
                               BulkWriter bulkWriter, SqlErrorTranslator errors, FlywaySchemaManager schema) {
        this.backendName = requireNonNull(backendName, "backendName is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.bulkWriter = requireNonNull(bulkWriter, "bulkWriter is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.jdbc = new JdbcExecutor(connections, dialect, requireNonNull(errors, "errors is null"));
        this.reads = new ReadSql(dialect);
        // The one line an open logs at INFO; what Flyway and the drivers say meanwhile is at DEBUG (FlywayLogs).
        LOG.info("opened {} store: {} (schema version {})", backendName, schema.storeDescription(),
                schema.checkedVersion().orElse("not checked"));
    }

    @Override
    public String backendName() {
        return backendName;
    }

    /** @return the executor, for backend-specific operations */
    protected JdbcExecutor jdbc() {
        return jdbc;
    }

    // ---- writes --------------------------------------------------------------------------------------------

    @Override
    public long insertMetrics(Collection<MetricPoint> points) {
        List<MetricPoint> batch = validBatch(points, "metric points");
        if (batch.isEmpty()) {
            return 0;
        }
        jdbc.inTransaction("insert " + batch.size() + " metric points", connection -> {
            bulkWriter.appendMetrics(connection, batch);
            return null;
        });
        return batch.size();
    }

    @Override
    public long upsertCandles(Collection<Candle> candles) {
        List<Candle> batch = Batches.lastWins(validBatch(candles, "candles"), c -> new CandleKey(c.timestamp(), c.symbol()));
        if (batch.isEmpty()) {
            return 0;
        }
        jdbc.inTransaction("upsert " + batch.size() + " candles", connection -> {
            bulkWriter.upsertCandles(connection, batch);
            return null;
        });
        return batch.size();
    }

    @Override
    public long upsertPerformance(Collection<PerformanceSnapshot> snapshots) {
        List<PerformanceSnapshot> batch = Batches.lastWins(validBatch(snapshots, "performance snapshots"),
                PerformanceSnapshot::timestamp);
        if (batch.isEmpty()) {
            return 0;
        }
        jdbc.inTransaction("upsert " + batch.size() + " performance snapshots", connection -> {
            bulkWriter.upsertPerformance(connection, batch);
            return null;
        });
        return batch.size();
    }

    private record CandleKey(Instant timestamp, String symbol) {}

    private <T> List<T> validBatch(Collection<T> batch, String what) {
        requireNonNull(batch, what + " is null");
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
    public List<MetricPoint> queryMetrics(MetricQuery query) {
        requireNonNull(query, "query is null");
        ensureOpen();
        return jdbc.list("query metric " + query.metricName(), reads.metrics(query), RowMappers.metricPoints());
    }

    /** Bounded by {@link #bucketCap()}; see {@link BoundedAggregation}. */
    @Override
    public List<AggregatedBucket> aggregate(AggregationQuery query) {
        requireNonNull(query, "query is null");
        ensureOpen();
        return new BoundedAggregation(jdbc, reads, bucketCap()).aggregate(query);
    }

    @Override
    public List<MetricPoint> latest(LatestQuery query) {
        requireNonNull(query, "query is null");
        ensureOpen();
        return jdbc.list("read the latest points", dialect.latestPerSeries(query), RowMappers.metricPoints());
    }

    @Override
    public List<Candle> candles(CandleQuery query) {
        requireNonNull(query, "query is null");
        ensureOpen();
        return jdbc.list("read candles", reads.candles(query), RowMappers::candle);
    }

    @Override
    public List<Candle> rollUpCandles(CandleQuery query, Interval interval) {
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
    public List<Candle> candlesFromMetrics(MetricCandleQuery query) {
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
    public List<PerformanceSnapshot> performanceHistory(TimeRange range) {
        requireNonNull(range, "range is null");
        ensureOpen();
        return jdbc.list("read performance history", reads.performance(range), RowMappers::performanceSnapshot);
    }

    @Override
    public Optional<PerformanceSummary> performanceSummary(TimeRange range) {
        requireNonNull(range, "range is null");
        ensureOpen();
        return jdbc.list("summarize performance", reads.performanceSummary(range), PerformanceSummaries::fromRow)
                .get(0);
    }

    // ---- bulk reads ----------------------------------------------------------------------------------------

    @Override
    public Stream<MetricPoint> streamMetrics(TimeRange range) {
        return stream(StoreTable.TRADING_METRICS, range, RowMappers.metricPoints());
    }

    @Override
    public Stream<Candle> streamCandles(TimeRange range) {
        return stream(StoreTable.CANDLES, range, RowMappers::candle);
    }

    @Override
    public Stream<PerformanceSnapshot> streamPerformance(TimeRange range) {
        return stream(StoreTable.PERFORMANCE_HISTORY, range, RowMappers::performanceSnapshot);
    }

    private <T> Stream<T> stream(StoreTable table, TimeRange range, RowMappers.RowMapper<T> mapper) {
        requireNonNull(range, "range is null");
        ensureOpen();
        return jdbc.stream("stream " + table.tableName(), reads.streamAll(table, range), STREAM_FETCH_SIZE, mapper);
    }

    @Override
    public long count(StoreTable table, TimeRange range) {
        requireNonNull(table, "table is null");
        requireNonNull(range, "range is null");
        ensureOpen();
        return jdbc.list("count " + table.tableName(), reads.count(table, range), row -> row.getLong(1)).get(0);
    }

    // ---- maintenance ---------------------------------------------------------------------------------------

    @Override
    public List<TableStats> stats() {
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
    public long deleteRange(StoreTable table, TimeRange range) {
        requireNonNull(table, "table is null");
        requireNonNull(range, "range is null");
        ensureOpen();
        ensureWritable();
        return jdbc.inTransaction("delete from " + table.tableName(),
                connection -> JdbcExecutor.update(connection, reads.deleteRange(table, range)));
    }

    @Override
    public void optimize() {
        ensureOpen();
        jdbc.withConnection("optimize", connection -> {
            dialect.optimize(connection);
            return null;
        });
    }

    @Override
    public StoreHealth health() {
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

    /** @return engine facts added to {@link #health()}, for example the file size; none by default */
    protected Map<String, String> healthDetails(Connection connection) throws SQLException {
        return Map.of();
    }

    @Override
    public SchemaInfo schemaInfo() {
        ensureOpen();
        return schema.info();
    }

    @Override
    public Optional<String> instanceId() {
        ensureOpen();
        return schema.instanceId();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            jdbc.closeStreams();
            connections.close();
        }
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

    /** @throws StoreUnavailableException when the store has been closed */
    protected void ensureOpen() {
        if (closed.get()) {
            throw new StoreUnavailableException("the " + backendName + " store of "
                    + connections.description() + " is closed; open a new store");
        }
    }
}
