package io.tradingmetrics.maintenance;

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
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.RetentionReport;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A real store with a step of our own before retention (to make a run wait or fail): the scheduler sees a store,
 * every call reaches the real one.
 */
class ForwardingStore implements MetricsStore {
    /** What runs before each retention run reaches the store. */
    interface BeforeRetention {
        void run();
    }

    private final MetricsStore store;
    private final BeforeRetention before;
    private final boolean interfaceDefaults;

    ForwardingStore(MetricsStore store, BeforeRetention before) {
        this(store, before, false);
    }

    /** @param interfaceDefaults whether retention runs MetricsStore's defaults (on deleteRange) instead of the store's */
    ForwardingStore(MetricsStore store, BeforeRetention before, boolean interfaceDefaults) {
        this.store = store;
        this.before = before;
        this.interfaceDefaults = interfaceDefaults;
    }

    @Override
    public RetentionReport applyRetention(RetentionPolicy policy, Instant now) {
        before.run();
        return interfaceDefaults ? MetricsStore.super.applyRetention(policy, now) : store.applyRetention(policy, now);
    }

    @Override public RetentionReport planRetention(RetentionPolicy policy, Instant now) {
        return interfaceDefaults ? MetricsStore.super.planRetention(policy, now) : store.planRetention(policy, now);
    }
    @Override public OptionalLong bytesOnDisk() {
        return interfaceDefaults ? MetricsStore.super.bytesOnDisk() : store.bytesOnDisk();
    }
    @Override public String backendName() { return store.backendName(); }
    @Override public long insertMetrics(Collection<MetricPoint> points, WriteId id) { return store.insertMetrics(points, id); }
    @Override public long upsertCandles(Collection<Candle> candles, WriteId id) { return store.upsertCandles(candles, id); }
    @Override public long upsertPerformance(Collection<PerformanceSnapshot> s, WriteId id) { return store.upsertPerformance(s, id); }
    @Override public List<MetricPoint> queryMetrics(MetricQuery query) { return store.queryMetrics(query); }
    @Override public List<AggregatedBucket> aggregate(AggregationQuery query) { return store.aggregate(query); }
    @Override public List<MetricPoint> latest(LatestQuery query) { return store.latest(query); }
    @Override public List<Candle> candles(CandleQuery query) { return store.candles(query); }
    @Override public List<Candle> rollUpCandles(CandleQuery query, Interval interval) { return store.rollUpCandles(query, interval); }
    @Override public List<Candle> candlesFromMetrics(MetricCandleQuery query) { return store.candlesFromMetrics(query); }
    @Override public List<PerformanceSnapshot> performanceHistory(TimeRange range) { return store.performanceHistory(range); }
    @Override public Optional<PerformanceSummary> performanceSummary(TimeRange range) { return store.performanceSummary(range); }
    @Override public Stream<MetricPoint> streamMetrics(TimeRange range) { return store.streamMetrics(range); }
    @Override public Stream<Candle> streamCandles(TimeRange range) { return store.streamCandles(range); }
    @Override public Stream<PerformanceSnapshot> streamPerformance(TimeRange range) { return store.streamPerformance(range); }
    @Override public long count(StoreTable table, TimeRange range) { return store.count(table, range); }
    @Override public List<TableStats> stats() { return store.stats(); }
    @Override public long deleteRange(StoreTable table, TimeRange range) { return store.deleteRange(table, range); }
    @Override public void optimize() { store.optimize(); }
    @Override public StoreHealth health() { return store.health(); }
    @Override public SchemaInfo schemaInfo() { return store.schemaInfo(); }
    @Override public void close() { store.close(); }
}
