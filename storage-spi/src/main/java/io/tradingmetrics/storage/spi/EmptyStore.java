package io.tradingmetrics.storage.spi;

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
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A store with nothing in it that takes no writes: what a reader sees of a database that holds none of the store's
 * tables (reading must not create them, and there is nothing to read), or of a store that a write would create.
 * Every read answers as an empty store would and every write is refused. It holds no resources.
 */
public final class EmptyStore implements MetricsStore {
    private final String backendName;
    private final String description;
    private final SchemaInfo schema;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param backendName the store's name, as its factory is named
     * @param description what was opened, for messages
     * @param schema the schema state read when the database was opened (no current version), or none at all
     */
    public EmptyStore(String backendName, String description, SchemaInfo schema) {
        this.backendName = requireNonNull(backendName, "backendName is null");
        this.description = requireNonNull(description, "description is null");
        this.schema = requireNonNull(schema, "schema is null");
    }

    @Override
    public String backendName() {
        return backendName;
    }

    @Override
    public long insertMetrics(Collection<MetricPoint> points, WriteId writeId) {
        throw refusedWrite();
    }

    @Override
    public long upsertCandles(Collection<Candle> candles, WriteId writeId) {
        throw refusedWrite();
    }

    @Override
    public long upsertPerformance(Collection<PerformanceSnapshot> snapshots, WriteId writeId) {
        throw refusedWrite();
    }

    @Override
    public List<MetricPoint> queryMetrics(MetricQuery query) {
        return read(query);
    }

    @Override
    public List<AggregatedBucket> aggregate(AggregationQuery query) {
        return read(query);
    }

    @Override
    public List<MetricPoint> latest(LatestQuery query) {
        return read(query);
    }

    @Override
    public List<Candle> candles(CandleQuery query) {
        return read(query);
    }

    @Override
    public List<Candle> rollUpCandles(CandleQuery query, Interval interval) {
        requireNonNull(interval, "interval is null");
        return read(query);
    }

    @Override
    public List<Candle> candlesFromMetrics(MetricCandleQuery query) {
        return read(query);
    }

    @Override
    public List<PerformanceSnapshot> performanceHistory(TimeRange range) {
        return read(range);
    }

    @Override
    public Optional<PerformanceSummary> performanceSummary(TimeRange range) {
        read(range);
        return Optional.empty();
    }

    @Override
    public Stream<MetricPoint> streamMetrics(TimeRange range) {
        return this.<MetricPoint>read(range).stream();
    }

    @Override
    public Stream<Candle> streamCandles(TimeRange range) {
        return this.<Candle>read(range).stream();
    }

    @Override
    public Stream<PerformanceSnapshot> streamPerformance(TimeRange range) {
        return this.<PerformanceSnapshot>read(range).stream();
    }

    @Override
    public long count(StoreTable table, TimeRange range) {
        requireNonNull(table, "table is null");
        read(range);
        return 0;
    }

    @Override
    public List<TableStats> stats() {
        ensureOpen();
        return Arrays.stream(StoreTable.values())
                .map(table -> new TableStats(table, 0, Optional.empty(), Optional.empty(), OptionalLong.empty()))
                .toList();
    }

    @Override
    public long deleteRange(StoreTable table, TimeRange range) {
        throw refusedWrite();
    }

    @Override
    public void optimize() {
        throw refusedWrite();
    }

    @Override
    public StoreHealth health() {
        if (closed.get()) {
            return new StoreHealth(false, backendName, description + ": the store is closed", Map.of());
        }
        return new StoreHealth(true, backendName, description, Map.of("schema", "none (the database holds none of"
                + " the store's tables)", "readOnly", "true"));
    }

    @Override
    public StoreHealth ping() {
        return health();
    }

    @Override
    public SchemaInfo schemaInfo() {
        ensureOpen();
        return schema;
    }

    @Override
    public void close() {
        closed.set(true);
    }

    private <T> List<T> read(Object query) {
        requireNonNull(query, "query is null");
        ensureOpen();
        return List.of();
    }

    private MetricsStoreException refusedWrite() {
        ensureOpen();
        return new MetricsStoreException(description + " was opened for reading only and holds none of the store's"
                + " tables, so it takes no writes; open the store for writing, which creates them");
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new StoreUnavailableException("the " + backendName + " store of " + description
                    + " is closed; open a new store");
        }
    }
}
