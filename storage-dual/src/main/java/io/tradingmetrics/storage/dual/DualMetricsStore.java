package io.tradingmetrics.storage.dual;

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
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A store over two stores: every write goes to the primary, whose answer is the call's, and is mirrored to the
 * secondary off the caller's thread through a durable outbox; every read comes from the primary (a sample may be
 * compared with the secondary: shadow reads). See the package documentation for the backfill boundary.
 *
 * <p>Writes are applied one at a time, in the order the primary committed them, so that upserts and deletes end the
 * same on both stores. The secondary being down, locked or full never fails or slows a write beyond the outbox's
 * append; a full outbox does what {@code on-outbox-full} says.
 */
public final class DualMetricsStore implements MetricsStore {
    /** The backend name, also the configuration's type. */
    public static final String NAME = DualStoreConfig.NAME;

    private DualMetricsStore() {}

    /**
     * Opens the primary, the outbox and (in the background, retrying) the secondary. Before it returns, writes
     * waiting in the outbox for the store that is now the primary (after a switch, or a write whose outcome a crash
     * left unknown) are applied to it.
     *
     * @param config the settings
     * @param mode how to open the primary; {@link OpenMode#READ_ONLY} and {@link OpenMode#VALIDATE} open the primary
     *        alone, without the outbox
     * @return the open store; close it
     * @throws io.tradingmetrics.storage.api.StoreUnavailableException when the primary cannot be opened, or another
     *         process uses the outbox directory
     * @throws io.tradingmetrics.storage.api.MetricsStoreException when the primary is not one of the stores the
     *         directory's state belongs to, or a switch would lose writes the new primary never received
     */
    public static DualMetricsStore open(DualStoreConfig config, OpenMode mode) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @return where mirroring stands now */
    public DualStatus status() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Waits until the secondary holds every write accepted so far and nothing is left to copy into it.
     *
     * @return whether it did within the timeout
     */
    public boolean awaitCaughtUp(Duration timeout) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @return the settings it was opened with */
    public DualStoreConfig config() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override public String backendName() { return NAME; }
    @Override public long insertMetrics(Collection<MetricPoint> points, WriteId writeId) { throw new UnsupportedOperationException(); }
    @Override public long upsertCandles(Collection<Candle> candles, WriteId writeId) { throw new UnsupportedOperationException(); }
    @Override public long upsertPerformance(Collection<PerformanceSnapshot> snapshots, WriteId writeId) { throw new UnsupportedOperationException(); }
    @Override public List<MetricPoint> queryMetrics(MetricQuery query) { throw new UnsupportedOperationException(); }
    @Override public List<AggregatedBucket> aggregate(AggregationQuery query) { throw new UnsupportedOperationException(); }
    @Override public List<MetricPoint> latest(LatestQuery query) { throw new UnsupportedOperationException(); }
    @Override public List<Candle> candles(CandleQuery query) { throw new UnsupportedOperationException(); }
    @Override public List<Candle> rollUpCandles(CandleQuery query, Interval interval) { throw new UnsupportedOperationException(); }
    @Override public List<Candle> candlesFromMetrics(MetricCandleQuery query) { throw new UnsupportedOperationException(); }
    @Override public List<PerformanceSnapshot> performanceHistory(TimeRange range) { throw new UnsupportedOperationException(); }
    @Override public Optional<PerformanceSummary> performanceSummary(TimeRange range) { throw new UnsupportedOperationException(); }
    @Override public Stream<MetricPoint> streamMetrics(TimeRange range) { throw new UnsupportedOperationException(); }
    @Override public Stream<Candle> streamCandles(TimeRange range) { throw new UnsupportedOperationException(); }
    @Override public Stream<PerformanceSnapshot> streamPerformance(TimeRange range) { throw new UnsupportedOperationException(); }
    @Override public long count(StoreTable table, TimeRange range) { throw new UnsupportedOperationException(); }
    @Override public List<TableStats> stats() { throw new UnsupportedOperationException(); }
    @Override public long deleteRange(StoreTable table, TimeRange range) { throw new UnsupportedOperationException(); }
    @Override public Map<StoreTable, Long> deleteOlderThan(Instant cutoff) { throw new UnsupportedOperationException(); }
    @Override public void optimize() { throw new UnsupportedOperationException(); }
    @Override public StoreHealth health() { throw new UnsupportedOperationException(); }
    @Override public SchemaInfo schemaInfo() { throw new UnsupportedOperationException(); }
    @Override public void close() { }
}
