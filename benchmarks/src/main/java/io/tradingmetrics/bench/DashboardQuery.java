package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.jdbc.BucketCap;
import io.tradingmetrics.storage.jdbc.JdbcBenchmarkSql;
import io.tradingmetrics.storage.jdbc.ReadSql;
import io.tradingmetrics.storage.jdbc.SqlBuilder;
import io.tradingmetrics.storage.jdbc.SqlDialect;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A read a dashboard makes: through the store, as the SQL the store builds for it (from the store's own dialect and
 * {@link ReadSql}, so that the two runs differ only by the framework around the SQL), and as the best SQL written by
 * hand for each engine ({@link BestSql}), which the store must come close to.
 *
 * @param name a short name for the tables
 * @param description what it reads
 * @param aggregation whether it is one of the aggregations compared between the engines
 * @param throughStore runs the read through the store and returns how many rows it got
 * @param sql the SQL the store issues for it
 * @param best the best hand-written SQL for an engine, values as literals
 */
record DashboardQuery(String name, String description, boolean aggregation, ToIntFunction<MetricsStore> throughStore,
                      Function<SqlDialect, SqlBuilder> sql, Function<BestSql.Engine, String> best) {

    static final String SERIES_METRIC = "price";
    static final String SERIES_SYMBOL = "SYM07-USD";
    static final String LATENCY_METRIC = "order_latency_ms";
    static final String VOLUME_METRIC = "volume";
    /** The store caps every time-bucketed read with a row limit; its SQL here carries the default cap as it does. */
    private static final BucketCap CAP = BucketCap.defaults();

    static List<DashboardQuery> all() {
        MetricQuery range = MetricQuery.of(SERIES_METRIC, Dataset.lastHours(24)).withSymbol(SERIES_SYMBOL)
                .withLimit(1_000);
        AggregationQuery byMinute = AggregationQuery.of(SERIES_METRIC, Dataset.lastDays(1), Interval.MINUTE_1,
                Aggregation.AVG);
        AggregationQuery byHour = AggregationQuery.of(SERIES_METRIC, Dataset.lastDays(30), Interval.HOUR_1,
                Aggregation.AVG).groupedBySymbol();
        LatestQuery latest = LatestQuery.all();
        CandleQuery week = CandleQuery.of(Dataset.lastDays(7));
        AggregationQuery p95 = AggregationQuery.of(LATENCY_METRIC, Dataset.lastDays(7), Interval.HOUR_1,
                Aggregation.P95);
        MetricCandleQuery fromMetrics = MetricCandleQuery.of(SERIES_METRIC, Dataset.lastDays(1), Interval.MINUTE_5)
                .withVolumeMetric(VOLUME_METRIC);
        return List.of(
                new DashboardQuery("raw range", "one series, last 24 h, newest first, up to 1,000 points", false,
                        store -> store.queryMetrics(range).size(), dialect -> new ReadSql(dialect).metrics(range),
                        engine -> BestSql.rawRange(engine, SERIES_METRIC, SERIES_SYMBOL, range.range(), 1_000)),
                new DashboardQuery("avg by 1m", "one metric over all symbols, last day, 1-minute averages", true,
                        store -> store.aggregate(byMinute).size(), dialect -> CAP.limited(new ReadSql(dialect).aggregate(byMinute)),
                        engine -> BestSql.average(engine, SERIES_METRIC, byMinute.range(), "1 minute", false)),
                new DashboardQuery("avg by 1h", "one metric per symbol, 30 days, 1-hour averages", true,
                        store -> store.aggregate(byHour).size(), dialect -> CAP.limited(new ReadSql(dialect).aggregate(byHour)),
                        engine -> BestSql.average(engine, SERIES_METRIC, byHour.range(), "1 hour", true)),
                new DashboardQuery("latest", "newest point of each of the 1,000 series", false,
                        store -> store.latest(latest).size(),
                        dialect -> JdbcBenchmarkSql.latest(dialect, latest),
                        BestSql::latest),
                new DashboardQuery("candle roll-up", "stored candles of 7 days rolled up to 1 h, all symbols", true,
                        store -> store.rollUpCandles(week, Interval.HOUR_1).size(),
                        dialect -> CAP.limited(new ReadSql(dialect).rollUp(week, Interval.HOUR_1)),
                        engine -> BestSql.candleRollUp(engine, week.range(), "1 hour")),
                new DashboardQuery("metric candles", "5-minute candles of price and volume points, all symbols, last"
                        + " day", true, store -> store.candlesFromMetrics(fromMetrics).size(),
                        dialect -> CAP.limited(new ReadSql(dialect).candlesFromMetrics(fromMetrics)),
                        engine -> BestSql.candlesFromMetrics(engine, SERIES_METRIC, VOLUME_METRIC, fromMetrics.range(),
                                "5 minutes")),
                new DashboardQuery("perf summary", "portfolio summary over 30 days of snapshots", false,
                        store -> store.performanceSummary(Dataset.lastDays(30)).isPresent() ? 1 : 0,
                        dialect -> new ReadSql(dialect).performanceSummary(Dataset.lastDays(30)),
                        engine -> BestSql.performanceSummary(engine, Dataset.lastDays(30))),
                new DashboardQuery("p95 by 1h", "hourly 95th percentile of one metric, 7 days", true,
                        store -> store.aggregate(p95).size(), dialect -> CAP.limited(new ReadSql(dialect).aggregate(p95)),
                        engine -> BestSql.percentile(engine, LATENCY_METRIC, p95.range(), "1 hour", 0.95)));
    }
}
