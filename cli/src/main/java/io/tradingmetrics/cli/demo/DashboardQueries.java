package io.tradingmetrics.cli.demo;

import io.tradingmetrics.cli.output.Cells;
import io.tradingmetrics.cli.output.Column;
import io.tradingmetrics.cli.output.ResultTable;
import io.tradingmetrics.cli.output.StoreTables;
import io.tradingmetrics.cli.output.TablePrinter;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The queries a trading dashboard runs, on the demo's data: a raw range, 1-minute and 1-hour aggregations, the
 * latest value of every series, candles rolled up and built from points, the performance summary and the table
 * sizes. Each is printed as a table with how long it took, then all timings together.
 */
public final class DashboardQueries {
    private static final int MAX_ROWS = 12;

    private final MetricsStore store;
    private final TablePrinter printer;
    private final Map<String, long[]> timings = new LinkedHashMap<>(); // query -> {nanos, rows}

    public DashboardQueries(MetricsStore store, TablePrinter printer) {
        this.store = requireNonNull(store, "store is null");
        this.printer = requireNonNull(printer, "printer is null");
    }

    /**
     * Runs every query over data that ends at {@code end} and reaches {@code window} back, focused on one symbol.
     */
    public void runAll(Instant end, Duration window, String symbol) {
        TimeRange all = TimeRange.of(end.minus(window), end);
        TimeRange lastHour = TimeRange.of(end.minus(Duration.ofHours(1)), end);
        TimeRange last15m = TimeRange.of(end.minus(Duration.ofMinutes(15)), end);
        TimeRange last12h = TimeRange.of(max(all.from(), end.minus(Duration.ofHours(12))), end);
        TimeRange last6h = TimeRange.of(max(all.from(), end.minus(Duration.ofHours(6))), end);

        var raw = timed("raw range", () -> store.queryMetrics(MetricQuery.of("price", lastHour).withSymbol(symbol)
                .withLimit(10)));
        print(StoreTables.points("Raw range: price of " + symbol + ", last hour, newest first (limit 10)", raw),
                "raw range");

        twoAggregations("1m avg/p95", AggregationQuery.of("price", last15m, Interval.MINUTE_1, Aggregation.AVG)
                .withSymbol(symbol), "1-minute buckets: price of " + symbol + ", avg and p95, last 15 minutes");
        twoAggregations("1h avg/p95", AggregationQuery.of("order_latency_ms", last12h, Interval.HOUR_1,
                Aggregation.AVG), "1-hour buckets: order_latency_ms of all symbols, avg and p95, last 12 hours");

        var bySymbol = timed("1h avg by symbol", () -> store.aggregate(AggregationQuery.of("price", all,
                Interval.HOUR_1, Aggregation.AVG).groupedBySymbol()));
        print(StoreTables.buckets("1-hour average price per symbol, whole window", "avg", bySymbol, true),
                "1h avg by symbol");

        var latest = timed("latest per series", () -> store.latest(LatestQuery.all()));
        print(StoreTables.points("Latest value of every series (metric, symbol)", latest), "latest per series");

        var rolledUp = timed("candle roll-up", () -> store.rollUpCandles(CandleQuery.of(last6h, symbol),
                Interval.HOUR_1));
        print(StoreTables.candles("Candles of " + symbol + " rolled up from 1m to 1h, last 6 hours", rolledUp),
                "candle roll-up");

        var fromPoints = timed("candles from points", () -> store.candlesFromMetrics(
                MetricCandleQuery.of("price", last6h, Interval.HOUR_1).withVolumeMetric("volume").withSymbol(symbol)));
        print(StoreTables.candles("Candles of " + symbol + " built from price and volume points, 1h, last 6 hours",
                fromPoints), "candles from points");

        var summary = timed("performance summary", () -> store.performanceSummary(all).map(List::of)
                .orElse(List.of()));
        ResultTable summaryTable = summary.isEmpty()
                ? new ResultTable("Performance summary, whole window", Column.text("figure"), Column.text("value"))
                : StoreTables.summary("Performance summary, whole window", summary.get(0));
        print(summaryTable, "performance summary");

        var stats = timed("table stats", store::stats);
        print(StoreTables.stats("Table stats", stats), "table stats");

        ResultTable timingTable = new ResultTable("Query timings", Column.text("query"), Column.count("rows"),
                Column.text("time"));
        timings.forEach((name, t) -> timingTable.row(name, t[1], Cells.millis(t[0])));
        printer.print(timingTable);
    }

    private void twoAggregations(String name, AggregationQuery avgQuery, String title) {
        List<AggregatedBucket> avg = timed(name.replace("avg/p95", "avg"), () -> store.aggregate(avgQuery));
        List<AggregatedBucket> p95 = timed(name.replace("avg/p95", "p95"), () -> store.aggregate(
                new AggregationQuery(avgQuery.metricName(), avgQuery.range(), avgQuery.interval(), Aggregation.P95,
                        avgQuery.symbol(), avgQuery.labels(), false, avgQuery.gapFill())));
        Map<Instant, AggregatedBucket> p95ByBucket = new LinkedHashMap<>();
        p95.forEach(b -> p95ByBucket.put(b.bucketStart(), b));
        ResultTable table = new ResultTable(title, Column.time("bucket"), Column.decimal("avg"), Column.decimal("p95"),
                Column.count("samples"));
        for (AggregatedBucket bucket : avg) {
            AggregatedBucket other = p95ByBucket.get(bucket.bucketStart());
            table.row(bucket.bucketStart(), bucket.value(), other == null ? null : other.value(), bucket.sampleCount());
        }
        long[] avgTiming = timings.get(name.replace("avg/p95", "avg"));
        long[] p95Timing = timings.get(name.replace("avg/p95", "p95"));
        table.note(Cells.count(avg.size()) + " buckets; avg in " + Cells.millis(avgTiming[0]) + ", p95 in "
                + Cells.millis(p95Timing[0]));
        printer.print(table, MAX_ROWS + 4);
    }

    private <T> List<T> timed(String name, Supplier<List<T>> query) {
        long start = System.nanoTime();
        List<T> result = query.get();
        timings.put(name, new long[] {System.nanoTime() - start, result.size()});
        return new ArrayList<>(result);
    }

    private void print(ResultTable table, String name) {
        long[] timing = timings.get(name);
        table.note(Cells.count(timing[1]) + (timing[1] == 1 ? " row" : " rows") + " in " + Cells.millis(timing[0]));
        printer.print(table, MAX_ROWS);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
