package io.tradingmetrics.cli.migration;

import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.dual.PendingWrites;

import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One side of a dual pair with the rows that writes after the cut may have changed left out: the same rows on both
 * sides, so that a held secondary (as of the cut) and the primary (still written to) compare as of the cut. Counts
 * and extents are the underlying source's (they only plan chunks and report progress).
 */
final class LiveRowsLeftOut implements RowSource {
    private final RowSource side;
    private final PendingWrites leftOut;

    LiveRowsLeftOut(RowSource side, PendingWrites leftOut) {
        this.side = requireNonNull(side, "side is null");
        this.leftOut = requireNonNull(leftOut, "leftOut is null");
    }

    @Override
    public String id() {
        return side.id();
    }

    @Override
    public Optional<String> instanceId() {
        return side.instanceId();
    }

    @Override
    public Optional<TimeRange> extent(StoreTable table) {
        return side.extent(table);
    }

    @Override
    public long count(StoreTable table, TimeRange range) {
        return side.count(table, range);
    }

    @Override
    public Stream<MetricPoint> streamMetrics(TimeRange range) {
        return side.streamMetrics(range).filter(p -> !leftOut.touches(StoreTable.TRADING_METRICS, p.timestamp()));
    }

    @Override
    public Stream<Candle> streamCandles(TimeRange range) {
        return side.streamCandles(range).filter(c -> !leftOut.touches(StoreTable.CANDLES, c.timestamp()));
    }

    @Override
    public Stream<PerformanceSnapshot> streamPerformance(TimeRange range) {
        return side.streamPerformance(range)
                .filter(s -> !leftOut.touches(StoreTable.PERFORMANCE_HISTORY, s.timestamp()));
    }

    @Override
    public void close() {
        side.close();
    }
}
