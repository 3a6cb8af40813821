package io.tradingmetrics.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.RetentionReport;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A store that times every call of the store it wraps into the app's registry:
 * {@code metrics.store.calls} (a timer, tags {@code backend}, {@code operation}, {@code outcome} =
 * success|error, {@code exception} = the error's simple class name or none) and {@code metrics.store.errors} (a
 * counter, same tags without {@code outcome}). Streams are timed until they are handed out, not while they are read.
 * Closing closes the wrapped store.
 */
public final class InstrumentedMetricsStore implements MetricsStore {
    private final MetricsStore store;
    private final MeterRegistry registry;

    public InstrumentedMetricsStore(MetricsStore store, MeterRegistry registry) {
        this.store = requireNonNull(store, "store is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = registry.config().clock().monotonicTime();
        String exception = "none";
        try {
            return call.get();
        } catch (RuntimeException | Error e) {
            exception = e.getClass().getSimpleName();
            Counter.builder("metrics.store.errors").tag("backend", store.backendName()).tag("operation", operation)
                    .tag("exception", exception).register(registry).increment();
            throw e;
        } finally {
            Timer.builder("metrics.store.calls").tag("backend", store.backendName()).tag("operation", operation)
                    .tag("outcome", exception.equals("none") ? "success" : "error").tag("exception", exception)
                    .register(registry)
                    .record(registry.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void timedVoid(String operation, Runnable call) {
        timed(operation, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public String backendName() {
        return store.backendName();
    }

    @Override
    public long insertMetrics(Collection<MetricPoint> points, WriteId writeId) {
        return timed("insertMetrics", () -> store.insertMetrics(points, writeId));
    }

    @Override
    public long upsertCandles(Collection<Candle> candles, WriteId writeId) {
        return timed("upsertCandles", () -> store.upsertCandles(candles, writeId));
    }

    @Override
    public long upsertPerformance(Collection<PerformanceSnapshot> snapshots, WriteId writeId) {
        return timed("upsertPerformance", () -> store.upsertPerformance(snapshots, writeId));
    }

    @Override
    public List<MetricPoint> queryMetrics(MetricQuery query) {
        return timed("queryMetrics", () -> store.queryMetrics(query));
    }

    @Override
    public List<AggregatedBucket> aggregate(AggregationQuery query) {
        return timed("aggregate", () -> store.aggregate(query));
    }

    @Override
    public List<MetricPoint> latest(LatestQuery query) {
        return timed("latest", () -> store.latest(query));
    }

    @Override
    public List<Candle> candles(CandleQuery query) {
        return timed("candles", () -> store.candles(query));
    }

    @Override
    public List<Candle> rollUpCandles(CandleQuery query, Interval interval) {
        return timed("rollUpCandles", () -> store.rollUpCandles(query, interval));
    }

    @Override
    public List<Candle> candlesFromMetrics(MetricCandleQuery query) {
        return timed("candlesFromMetrics", () -> store.candlesFromMetrics(query));
    }

    @Override
    public List<PerformanceSnapshot> performanceHistory(TimeRange range) {
        return timed("performanceHistory", () -> store.performanceHistory(range));
    }

    @Override
    public Optional<PerformanceSummary> performanceSummary(TimeRange range) {
        return timed("performanceSummary", () -> store.performanceSummary(range));
    }

    @Override
    public Stream<MetricPoint> streamMetrics(TimeRange range) {
        return timed("streamMetrics", () -> store.streamMetrics(range));
    }

    @Override
    public Stream<Candle> streamCandles(TimeRange range) {
        return timed("streamCandles", () -> store.streamCandles(range));
    }

    @Override
    public Stream<PerformanceSnapshot> streamPerformance(TimeRange range) {
        return timed("streamPerformance", () -> store.streamPerformance(range));
    }

    @Override
    public long count(StoreTable table, TimeRange range) {
        return timed("count", () -> store.count(table, range));
    }

    @Override
    public List<TableStats> stats() {
        return timed("stats", store::stats);
    }

    @Override
    public long deleteRange(StoreTable table, TimeRange range) {
        return timed("deleteRange", () -> store.deleteRange(table, range));
    }

    @Override
    public RetentionReport applyRetention(RetentionPolicy policy, Instant now) {
        return timed("applyRetention", () -> store.applyRetention(policy, now));
    }

    @Override
    public RetentionReport planRetention(RetentionPolicy policy, Instant now) {
        return timed("planRetention", () -> store.planRetention(policy, now));
    }

    @Override
    public OptionalLong bytesOnDisk() {
        return timed("bytesOnDisk", store::bytesOnDisk);
    }

    @Override
    public void optimize() {
        timedVoid("optimize", store::optimize);
    }

    @Override
    public StoreHealth health() {
        return timed("health", store::health);
    }

    @Override
    public StoreHealth ping() {
        return timed("ping", store::ping);
    }

    @Override
    public SchemaInfo schemaInfo() {
        return timed("schemaInfo", store::schemaInfo);
    }

    @Override
    public void close() {
        store.close();
    }
}
