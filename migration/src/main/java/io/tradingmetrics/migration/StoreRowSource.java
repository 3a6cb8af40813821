package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/** A store read through its SPI only. */
final class StoreRowSource implements RowSource {
    private final String id;
    private final MetricsStore store;

    StoreRowSource(String id, MetricsStore store) {
        this.id = requireNonNull(id, "id is null");
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<String> instanceId() {
        return store.instanceId();
    }

    @Override
    public Optional<TimeRange> extent(StoreTable table) {
        for (TableStats stats : store.stats()) {
            if (stats.table() == table) {
                if (stats.minTimestamp().isEmpty() || stats.maxTimestamp().isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(TimeRanges.enclosing(stats.minTimestamp().get(), stats.maxTimestamp().get()));
            }
        }
        return Optional.empty();
    }

    @Override
    public long count(StoreTable table, TimeRange range) {
        return store.count(table, range);
    }

    @Override
    public Stream<MetricPoint> streamMetrics(TimeRange range) {
        return store.streamMetrics(range);
    }

    @Override
    public Stream<Candle> streamCandles(TimeRange range) {
        return store.streamCandles(range);
    }

    @Override
    public Stream<PerformanceSnapshot> streamPerformance(TimeRange range) {
        return store.streamPerformance(range);
    }

    @Override
    public String toString() {
        return id;
    }
}
