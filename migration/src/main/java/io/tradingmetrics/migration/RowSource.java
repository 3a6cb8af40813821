package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Rows to copy or compare, read by table and time range: a store (through {@link #of}) or imported files.
 * Implementations are thread-safe.
 */
public interface RowSource extends AutoCloseable {

    /**
     * @return what the rows come from, stable across runs (for example a JDBC URL with an absolute path); checkpoints
     *         are keyed by it
     */
    String id();

    /**
     * @return the instance id of the store the rows come from (see {@link MetricsStore#instanceId()}), recorded in
     *         checkpoints so that a store deleted and created again is not taken for the one copied from; empty for
     *         files and stores without one
     */
    default Optional<String> instanceId() {
        return Optional.empty();
    }

    /** @return the smallest range holding every row of the table, empty when the table is empty */
    Optional<TimeRange> extent(StoreTable table);

    /** @return how many rows of the table lie in the range */
    long count(StoreTable table, TimeRange range);

    /** Streams the points in the range in ascending timestamp order; close the stream. */
    Stream<MetricPoint> streamMetrics(TimeRange range);

    /** Streams the candles in the range in ascending timestamp order; close the stream. */
    Stream<Candle> streamCandles(TimeRange range);

    /** Streams the snapshots in the range in ascending timestamp order; close the stream. */
    Stream<PerformanceSnapshot> streamPerformance(TimeRange range);

    /** Releases what the source opened itself; a store given to {@link #of} stays open. */
    @Override
    default void close() {}

    /**
     * @param id the store's stable identity (for example its JDBC URL, file paths made absolute)
     * @param store the store to read; not closed by the source
     * @return the store's rows as a source
     */
    static RowSource of(String id, MetricsStore store) {
        return new StoreRowSource(id, store);
    }
}
