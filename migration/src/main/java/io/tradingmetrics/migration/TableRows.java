package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the rows of one table are read, written and hashed through the SPI; the one place that knows the three row
 * types, so that copying, verifying and importing are written once for all tables.
 *
 * @param <T> the row type
 */
public abstract sealed class TableRows<T> permits TableRows.Metrics, TableRows.Candles, TableRows.Performance {
    /** The rows of {@code trading_metrics}. */
    public static final Metrics METRICS = new Metrics();
    /** The rows of {@code candles}. */
    public static final Candles CANDLES = new Candles();
    /** The rows of {@code performance_history}. */
    public static final Performance PERFORMANCE = new Performance();

    private TableRows() {}

    /** @return the rows of a table */
    public static TableRows<?> of(StoreTable table) {
        return switch (table) {
            case TRADING_METRICS -> METRICS;
            case CANDLES -> CANDLES;
            case PERFORMANCE_HISTORY -> PERFORMANCE;
        };
    }

    /** @return the table */
    public abstract StoreTable table();

    /** @return the rows in the range, ascending by timestamp; close the stream */
    public abstract Stream<T> stream(RowSource source, TimeRange range);

    /** Writes a batch in one atomic call. @return the rows written */
    public abstract long write(MetricsStore target, List<T> batch);

    /**
     * @return whether a write replaces a stored row of the same key (upsert), so that writing the same rows again
     *         leaves the table unchanged; false when writes append
     */
    public abstract boolean writesReplaceByKey();

    /** @return the row's timestamp */
    public abstract Instant timestamp(T row);

    /** @return the row's canonical hash, see {@link Checksums} */
    public abstract long hash(T row);

    /** The rows of {@code trading_metrics}: appended, never deduplicated. */
    public static final class Metrics extends TableRows<MetricPoint> {
        private Metrics() {}

        @Override
        public StoreTable table() {
            return StoreTable.TRADING_METRICS;
        }

        @Override
        public Stream<MetricPoint> stream(RowSource source, TimeRange range) {
            return source.streamMetrics(range);
        }

        @Override
        public long write(MetricsStore target, List<MetricPoint> batch) {
            return target.insertMetrics(batch);
        }

        @Override
        public boolean writesReplaceByKey() {
            return false;
        }

        @Override
        public Instant timestamp(MetricPoint row) {
            return row.timestamp();
        }

        @Override
        public long hash(MetricPoint row) {
            return Checksums.hash(row);
        }
    }

    /** The rows of {@code candles}: upserted by (timestamp, symbol). */
    public static final class Candles extends TableRows<Candle> {
        private Candles() {}

        @Override
        public StoreTable table() {
            return StoreTable.CANDLES;
        }

        @Override
        public Stream<Candle> stream(RowSource source, TimeRange range) {
            return source.streamCandles(range);
        }

        @Override
        public long write(MetricsStore target, List<Candle> batch) {
            return target.upsertCandles(batch);
        }

        @Override
        public boolean writesReplaceByKey() {
            return true;
        }

        @Override
        public Instant timestamp(Candle row) {
            return row.timestamp();
        }

        @Override
        public long hash(Candle row) {
            return Checksums.hash(row);
        }
    }

    /** The rows of {@code performance_history}: upserted by timestamp. */
    public static final class Performance extends TableRows<PerformanceSnapshot> {
        private Performance() {}

        @Override
        public StoreTable table() {
            return StoreTable.PERFORMANCE_HISTORY;
        }

        @Override
        public Stream<PerformanceSnapshot> stream(RowSource source, TimeRange range) {
            return source.streamPerformance(range);
        }

        @Override
        public long write(MetricsStore target, List<PerformanceSnapshot> batch) {
            return target.upsertPerformance(batch);
        }

        @Override
        public boolean writesReplaceByKey() {
            return true;
        }

        @Override
        public Instant timestamp(PerformanceSnapshot row) {
            return row.timestamp();
        }

        @Override
        public long hash(PerformanceSnapshot row) {
            return Checksums.hash(row);
        }
    }
}
