package io.tradingmetrics.cli.output;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.TableStats;

import java.util.List;
import java.util.Locale;

/** Turns the store's results into {@link ResultTable}s with the columns a dashboard shows. */
public final class StoreTables {
    private StoreTables() {}

    /** Raw points: timestamp, metric, symbol, value, labels. */
    public static ResultTable points(String title, List<MetricPoint> points) {
        ResultTable table = new ResultTable(title, Column.time("timestamp"), Column.text("metric"),
                Column.text("symbol"), Column.decimal("value"), new Column("labels", Column.Kind.LABELS));
        points.forEach(p -> table.row(p.timestamp(), p.metricName(), p.symbol(), p.value(), p.labels()));
        return table;
    }

    /** Aggregated buckets: bucket start, symbol (when grouped), value, sample count. */
    public static ResultTable buckets(String title, String valueName, List<AggregatedBucket> buckets,
                                      boolean bySymbol) {
        ResultTable table = bySymbol
                ? new ResultTable(title, Column.time("bucket"), Column.text("symbol"), Column.decimal(valueName),
                        Column.count("samples"))
                : new ResultTable(title, Column.time("bucket"), Column.decimal(valueName), Column.count("samples"));
        for (AggregatedBucket b : buckets) {
            if (bySymbol) {
                table.row(b.bucketStart(), b.symbol(), b.value(), b.sampleCount());
            } else {
                table.row(b.bucketStart(), b.value(), b.sampleCount());
            }
        }
        return table;
    }

    /** Candles: timestamp, symbol, open, high, low, close, volume. */
    public static ResultTable candles(String title, List<Candle> candles) {
        ResultTable table = new ResultTable(title, Column.time("timestamp"), Column.text("symbol"),
                Column.decimal("open"), Column.decimal("high"), Column.decimal("low"), Column.decimal("close"),
                Column.count("volume"));
        candles.forEach(c -> table.row(c.timestamp(), c.symbol(), c.open(), c.high(), c.low(), c.close(),
                c.volume()));
        return table;
    }

    /** Table sizes: table, rows, first and last timestamp, bytes on disk. */
    public static ResultTable stats(String title, List<TableStats> stats) {
        ResultTable table = new ResultTable(title, Column.text("table"), Column.count("rows"),
                Column.time("min timestamp"), Column.time("max timestamp"), new Column("size", Column.Kind.BYTES));
        stats.forEach(s -> table.row(s.table().tableName(), s.rowCount(), s.minTimestamp(), s.maxTimestamp(),
                s.bytesOnDisk()));
        return table;
    }

    /** A performance summary as one row per figure. */
    public static ResultTable summary(String title, PerformanceSummary s) {
        ResultTable table = new ResultTable(title, Column.text("figure"), Column.text("value"));
        table.row("snapshots", Cells.count(s.snapshots()));
        table.row("first snapshot", s.firstSnapshot().toString());
        table.row("last snapshot", s.lastSnapshot().toString());
        table.row("start value", Cells.decimal(s.startValue()));
        table.row("end value", Cells.decimal(s.endValue()));
        table.row("min / max value", Cells.decimal(s.minValue()) + " / " + Cells.decimal(s.maxValue()));
        table.row("total pnl", Cells.decimal(s.totalPnl()));
        table.row("return", s.returnPercent().isPresent()
                ? String.format(Locale.ROOT, "%.3f %%", s.returnPercent().getAsDouble()) : "");
        table.row("average sharpe", s.averageSharpe().isPresent() ? Cells.decimal(s.averageSharpe().getAsDouble()) : "");
        table.row("worst drawdown", s.worstDrawdown().isPresent()
                ? String.format(Locale.ROOT, "%.3f %%", s.worstDrawdown().getAsDouble() * 100) : "");
        table.row("average win rate", s.averageWinRate().isPresent()
                ? String.format(Locale.ROOT, "%.2f %%", s.averageWinRate().getAsDouble() * 100) : "");
        table.row("total trades", Cells.count(s.totalTrades()));
        return table;
    }
}
