package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * How the rows of one table are read, written and hashed through the SPI; the one place that knows the three row
 * types, so that copying, verifying and importing are written once for all tables.
 *
 * @param <T> the row type
 */
public final class TableRows<T> {
    /** The rows of {@code trading_metrics}: appended, never deduplicated. */
    public static final TableRows<MetricPoint> METRICS = new TableRows<>(StoreTable.TRADING_METRICS,
            RowSource::streamMetrics, MetricsStore::insertMetrics, false, MetricPoint::timestamp, Checksums::hash);
    /** The rows of {@code candles}: upserted by (timestamp, symbol). */
    public static final TableRows<Candle> CANDLES = new TableRows<>(StoreTable.CANDLES,
            RowSource::streamCandles, MetricsStore::upsertCandles, true, Candle::timestamp, Checksums::hash);
    /** The rows of {@code performance_history}: upserted by timestamp. */
    public static final TableRows<PerformanceSnapshot> PERFORMANCE = new TableRows<>(StoreTable.PERFORMANCE_HISTORY,
            RowSource::streamPerformance, MetricsStore::upsertPerformance, true, PerformanceSnapshot::timestamp,
            Checksums::hash);

    private final StoreTable table;
    private final BiFunction<RowSource, TimeRange, Stream<T>> reader;
    private final ToLongBiFunction<MetricsStore, List<T>> writer;
    private final boolean writesReplaceByKey;
    private final Function<T, Instant> timestamp;
    private final ToLongFunction<T> hash;

    private TableRows(StoreTable table, BiFunction<RowSource, TimeRange, Stream<T>> reader,
                      ToLongBiFunction<MetricsStore, List<T>> writer, boolean writesReplaceByKey,
                      Function<T, Instant> timestamp, ToLongFunction<T> hash) {
        this.table = requireNonNull(table, "table is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.writesReplaceByKey = writesReplaceByKey;
        this.timestamp = requireNonNull(timestamp, "timestamp is null");
        this.hash = requireNonNull(hash, "hash is null");
    }

    /** @return the rows of a table */
    public static TableRows<?> of(StoreTable table) {
        return switch (table) {
            case TRADING_METRICS -> METRICS;
            case CANDLES -> CANDLES;
            case PERFORMANCE_HISTORY -> PERFORMANCE;
        };
    }

    /** @return the table */
    public StoreTable table() {
        return table;
    }

    /** @return the rows in the range, ascending by timestamp; close the stream */
    public Stream<T> stream(RowSource source, TimeRange range) {
        return reader.apply(source, range);
    }

    /** Writes a batch in one atomic call. @return the rows written */
    public long write(MetricsStore target, List<T> batch) {
        return writer.applyAsLong(target, batch);
    }

    /**
     * @return whether a write replaces a stored row of the same key (upsert), so that writing the same rows again
     *         leaves the table unchanged; false when writes append
     */
    public boolean writesReplaceByKey() {
        return writesReplaceByKey;
    }

    /** @return the row's timestamp */
    public Instant timestamp(T row) {
        return timestamp.apply(row);
    }

    /** @return the row's canonical hash, see {@link Checksums} */
    public long hash(T row) {
        return hash.applyAsLong(row);
    }
}
