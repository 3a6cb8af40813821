package io.tradingmetrics.storage.api;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A store of trading observability data: metric points, OHLCV candles and portfolio snapshots.
 * Apps code against this interface only; a backend is picked in configuration.
 *
 * <p>Implementations are thread-safe. Every write call is atomic: after it returns all of its rows are stored,
 * and after it throws none are, with one exception: a {@link WriteOutcomeUnknownException} says that the store could
 * not learn whether the commit happened (all rows or none are stored). Results do not depend on the JVM's or the
 * operating system's time zone. Errors are {@link MetricsStoreException}s whose messages name the cause and the
 * way out.
 *
 * <p><b>Retrying writes exactly once.</b> Every write carries a {@link WriteId} that the store records in the same
 * transaction as the rows. When the connection is lost during the commit, the store reconnects and looks the id up
 * before it reports: a write that committed returns normally, one that did not throws the usual
 * {@link StoreUnavailableException} (safe to retry), and when the store cannot look it up it throws
 * {@link WriteOutcomeUnknownException} carrying the id. A caller that retries (a batching writer, an outbox) passes
 * its own id to the write methods that take one and reuses it for every attempt of the same batch: an attempt whose
 * id is already recorded stores nothing and returns as if it had written the batch. Ids are kept for a bounded time
 * (a setting of each store); the methods without an id use a new random one per call.
 */
public interface MetricsStore extends AutoCloseable {

    /** @return the name of this kind of store, the name configuration selects it by */
    String backendName();

    // ---- writes --------------------------------------------------------------------------------------------

    /**
     * Appends metric points. Points are not deduplicated: the same point written twice is stored twice. Their sizes
     * are within {@link StoreLimits}, which every store accepts alike.
     *
     * @return how many points were written
     * @throws WriteOutcomeUnknownException when the store cannot tell whether the batch committed
     */
    default long insertMetrics(Collection<MetricPoint> points) {
        return insertMetrics(points, WriteId.random());
    }

    /**
     * Appends metric points as the write {@code writeId}; when a write of that id is already stored (an earlier
     * attempt of the same batch committed), stores nothing. Give every attempt of one batch the same id and
     * different batches different ids.
     *
     * @return how many points the batch holds, whether this attempt or an earlier one stored them
     * @throws WriteOutcomeUnknownException when the store cannot tell whether the batch committed: retry with the
     *         same id
     */
    long insertMetrics(Collection<MetricPoint> points, WriteId writeId);

    /** Appends one metric point. */
    default void insertMetric(MetricPoint point) {
        insertMetrics(List.of(point));
    }

    /**
     * Inserts candles, replacing a stored candle of the same (timestamp, symbol). When a key occurs more than once
     * in the batch, the last occurrence wins.
     *
     * @return how many distinct candles were written
     * @throws WriteOutcomeUnknownException when the store cannot tell whether the batch committed
     */
    default long upsertCandles(Collection<Candle> candles) {
        return upsertCandles(candles, WriteId.random());
    }

    /**
     * Upserts candles as the write {@code writeId}, as {@link #upsertCandles(Collection)}; when a write of that id
     * is already stored, stores nothing, so that a late retry does not overwrite newer candles.
     *
     * @return how many distinct candles the batch holds, whether this attempt or an earlier one stored them
     * @throws WriteOutcomeUnknownException when the store cannot tell whether the batch committed: retry with the
     *         same id
     */
    long upsertCandles(Collection<Candle> candles, WriteId writeId);

    /** Inserts or replaces one candle. */
    default void upsertCandle(Candle candle) {
        upsertCandles(List.of(candle));
    }

    /**
     * Inserts snapshots, replacing a stored snapshot of the same timestamp. When a timestamp occurs more than once
     * in the batch, the last occurrence wins.
     *
     * @return how many distinct snapshots were written
     * @throws WriteOutcomeUnknownException when the store cannot tell whether the batch committed
     */
    default long upsertPerformance(Collection<PerformanceSnapshot> snapshots) {
        return upsertPerformance(snapshots, WriteId.random());
    }

    /**
     * Upserts snapshots as the write {@code writeId}, as {@link #upsertPerformance(Collection)}; when a write of
     * that id is already stored, stores nothing.
     *
     * @return how many distinct snapshots the batch holds, whether this attempt or an earlier one stored them
     * @throws WriteOutcomeUnknownException when the store cannot tell whether the batch committed: retry with the
     *         same id
     */
    long upsertPerformance(Collection<PerformanceSnapshot> snapshots, WriteId writeId);

    /** Inserts or replaces one snapshot. */
    default void upsertPerformance(PerformanceSnapshot snapshot) {
        upsertPerformance(List.of(snapshot));
    }

    // ---- metric reads --------------------------------------------------------------------------------------

    /** @return the matching points, newest first, at most {@code query.limit()} */
    List<MetricPoint> queryMetrics(MetricQuery query);

    /**
     * Gap filling fills every bucket of the range; a side of the range left open (as {@link TimeRange#all()} leaves
     * both) is taken as the extent of the matching points.
     *
     * @return one bucket per (symbol when grouped, bucket start), ordered by symbol (points without symbol first)
     *         then bucket start; buckets without points only as {@link AggregationQuery#gapFill()} asks
     * @throws InvalidInputException when the result would hold more buckets than the store's cap (its
     *         {@code max-buckets} setting, a million by default), naming the count and the cap; before querying
     *         when the count is known in advance (gap filling)
     */
    List<AggregatedBucket> aggregate(AggregationQuery query);

    /**
     * @return the newest point of every matching (metric name, symbol) series, ordered by metric name then symbol
     *         (points without symbol first); when several points share the newest timestamp, any one of them
     */
    List<MetricPoint> latest(LatestQuery query);

    // ---- candles and performance ---------------------------------------------------------------------------

    /** @return the stored candles in the range, ordered by timestamp then symbol */
    List<Candle> candles(CandleQuery query);

    /**
     * Rolls stored candles up to a coarser interval: open of the first candle by time, close of the last, the
     * highest high, the lowest low, the summed volume. Stored candles are 1-minute candles or coarser.
     *
     * @return one candle per (bucket start, symbol), ordered by bucket start then symbol
     * @throws InvalidInputException when the interval is finer than {@link Interval#MINUTE_1}, or the result would
     *         hold more candles than the store's bucket cap
     */
    List<Candle> rollUpCandles(CandleQuery query, Interval interval);

    /**
     * @return candles built from raw metric points as {@link MetricCandleQuery} describes, ordered by time then symbol
     * @throws InvalidInputException when the result would hold more candles than the store's bucket cap
     */
    List<Candle> candlesFromMetrics(MetricCandleQuery query);

    /** @return the snapshots in the range, oldest first */
    List<PerformanceSnapshot> performanceHistory(TimeRange range);

    /** @return the summary of the snapshots in the range, empty when there are none */
    Optional<PerformanceSummary> performanceSummary(TimeRange range);

    // ---- bulk reads ----------------------------------------------------------------------------------------

    /**
     * Streams every point in the range in ascending timestamp order without holding them in memory.
     * The stream holds database resources: close it (try-with-resources).
     */
    Stream<MetricPoint> streamMetrics(TimeRange range);

    /** Streams every candle in the range in ascending timestamp order; close the stream. */
    Stream<Candle> streamCandles(TimeRange range);

    /** Streams every snapshot in the range in ascending timestamp order; close the stream. */
    Stream<PerformanceSnapshot> streamPerformance(TimeRange range);

    /** @return how many rows of the table have a timestamp in the range */
    long count(StoreTable table, TimeRange range);

    // ---- maintenance ---------------------------------------------------------------------------------------

    /** @return the size of each table, in {@link StoreTable} order */
    List<TableStats> stats();

    /**
     * Deletes the rows of a table whose timestamp lies in the range.
     *
     * @return how many rows were deleted
     */
    long deleteRange(StoreTable table, TimeRange range);

    /**
     * Retention: deletes every row older than the cutoff from every table.
     *
     * @return the rows deleted per table
     */
    default Map<StoreTable, Long> deleteOlderThan(Instant cutoff) {
        Map<StoreTable, Long> deleted = new EnumMap<>(StoreTable.class);
        TimeRange older = TimeRange.of(TimeRange.all().from(), cutoff);
        for (StoreTable table : StoreTable.values()) {
            deleted.put(table, deleteRange(table, older));
        }
        return deleted;
    }

    /**
     * Retention: deletes from each table the rows older than its cutoff, the clock's reading {@code now} minus the
     * table's keep in the policy, unless a {@link RetentionGuards guard} refuses the run (then nothing is deleted, in
     * no table, and the report says why and what to do). The cutoff is never derived from stored timestamps, so a
     * point stamped in the future cannot make a run delete recent data. Space freed by the deletes may only be
     * returned to the file system by {@link #optimize()}.
     *
     * <p>This default decides through {@link RetentionPlan} and deletes table by table with {@link #deleteRange};
     * a store that can do better overrides it (the SQL stores decide and delete in one transaction, TimescaleDB
     * drops whole chunks).
     *
     * @param policy the keeps and guards
     * @param now the clock's reading, for example {@code Instant.now()}: the cutoffs are measured from it
     * @return what was deleted per table, or the refusal
     */
    default RetentionReport applyRetention(RetentionPolicy policy, Instant now) {
        return RetentionDefaults.run(this, policy, now, false);
    }

    /**
     * The dry run of {@link #applyRetention}: what a run at {@code now} would delete, or why it would be refused.
     * Reads only; never writes, even on a store open for writing.
     *
     * @return the rows that would go per table, or the refusal
     */
    default RetentionReport planRetention(RetentionPolicy policy, Instant now) {
        return RetentionDefaults.run(this, policy, now, true);
    }

    /**
     * @return the bytes the store takes on disk (the database file with its write-ahead log on DuckDB, the tables
     *         with their indexes and chunks on PostgreSQL); empty when the store cannot tell (in memory)
     */
    default OptionalLong bytesOnDisk() {
        long total = 0;
        for (TableStats table : stats()) {
            if (table.bytesOnDisk().isEmpty()) {
                return OptionalLong.empty();
            }
            total += table.bytesOnDisk().getAsLong();
        }
        return OptionalLong.of(total);
    }

    /**
     * Runs the store's own maintenance (reclaiming space, refreshing statistics); stored rows stay as they are.
     * It may take a while on a large store. It also forgets the {@link WriteId}s older than the store keeps them,
     * and brings what the store derives from its points in the background (summaries that make reads faster) up to
     * date at once, but for summaries it found too sparse to be worth keeping for now; answers are the same before
     * and after.
     */
    void optimize();

    /**
     * The thorough check, for an operator's command ({@code metrics stats}): the store answers, and what it can
     * check of its data without changing it (a DuckDB store reads every block of its file, so that damage is found
     * here rather than by the next query: about a second per ten million points). Poll {@link #ping()} instead.
     *
     * @return whether the store answers, never throwing
     */
    StoreHealth health();

    /**
     * The cheap check, cheap enough to poll (an HTTP health endpoint, a load balancer, a supervisor): one trivial
     * round trip to the database that reads no table, so that it costs the same on an empty store and on a big one.
     * It finds a store that is closed, unreachable or down, not damaged data; {@link #health()} does that. The
     * default calls {@link #health()}, which suits a store whose health check is cheap already.
     *
     * @return whether the store answers, never throwing; {@link StoreHealth#details()} may be empty
     */
    default StoreHealth ping() {
        return health();
    }

    /** @return the schema's version and history */
    SchemaInfo schemaInfo();

    /**
     * Which store this is, as recorded in the store itself: an id made once, when the store's schema is created or
     * adopted, and kept for its lifetime. A store deleted and created again at the same place has a new id, so that
     * whoever remembers something about a store (a migration's checkpoint) can tell whether it is still the same
     * store. Reading it never writes.
     *
     * @return the id, or empty when the store holds none (a database whose schema predates the id, opened without
     *         bringing its schema up to date, or a store that keeps no id: then a store created again at the same
     *         place cannot be told from the one before, and checkpoints fall back to counting rows)
     */
    default Optional<String> instanceId() {
        return Optional.empty();
    }

    /** Releases the store's connections and files. Idempotent. */
    @Override
    void close();
}
