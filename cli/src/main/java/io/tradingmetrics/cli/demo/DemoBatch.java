package io.tradingmetrics.cli.demo;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The rows of one stretch of time, for the three tables, each list in time order.
 *
 * @param points metric points
 * @param candles 1-minute candles
 * @param snapshots portfolio snapshots
 */
public record DemoBatch(List<MetricPoint> points, List<Candle> candles, List<PerformanceSnapshot> snapshots) {
    public DemoBatch {
        points = List.copyOf(requireNonNull(points, "points is null"));
        candles = List.copyOf(requireNonNull(candles, "candles is null"));
        snapshots = List.copyOf(requireNonNull(snapshots, "snapshots is null"));
    }

    /** @return the rows of all three tables */
    public long rowCount() {
        return (long) points.size() + candles.size() + snapshots.size();
    }
}
