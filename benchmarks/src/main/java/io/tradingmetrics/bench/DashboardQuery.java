package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.jdbc.ReadSql;
import io.tradingmetrics.storage.jdbc.SqlBuilder;
import io.tradingmetrics.storage.jdbc.SqlDialect;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A read a dashboard makes, both through the store and as the SQL the store builds for it (from the store's own
 * dialect and {@link ReadSql}), so that the two runs differ only by the framework around the SQL.
 *
 * @param name a short name for the tables
 * @param description what it reads
 * @param aggregation whether it is one of the aggregations compared between the engines
 * @param throughStore runs the read through the store and returns how many rows it got
 * @param sql the SQL the store issues for it
 */
record DashboardQuery(String name, String description, boolean aggregation, ToIntFunction<MetricsStore> throughStore,
                      Function<SqlDialect, SqlBuilder> sql) {

    static final String SERIES_METRIC = "price";
    static final String SERIES_SYMBOL = "SYM07-USD";
    static final String LATENCY_METRIC = "order_latency_ms";

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
        return List.of(
                new DashboardQuery("raw range", "one series, last 24 h, newest first, up to 1,000 points", false,
                        store -> store.queryMetrics(range).size(), dialect -> new ReadSql(dialect).metrics(range)),
                new DashboardQuery("avg by 1m", "one metric over all symbols, last day, 1-minute averages", true,
                        store -> store.aggregate(byMinute).size(), dialect -> new ReadSql(dialect).aggregate(byMinute)),
                new DashboardQuery("avg by 1h", "one metric per symbol, 30 days, 1-hour averages", true,
                        store -> store.aggregate(byHour).size(), dialect -> new ReadSql(dialect).aggregate(byHour)),
                new DashboardQuery("latest", "newest point of each of the 1,000 series", false,
                        store -> store.latest(latest).size(), dialect -> dialect.latestPerSeries(latest)),
                new DashboardQuery("candle roll-up", "stored candles of 7 days rolled up to 1 h, all symbols", true,
                        store -> store.rollUpCandles(week, Interval.HOUR_1).size(),
                        dialect -> new ReadSql(dialect).rollUp(week, Interval.HOUR_1)),
                new DashboardQuery("perf summary", "portfolio summary over 30 days of snapshots", false,
                        store -> store.performanceSummary(Dataset.lastDays(30)).isPresent() ? 1 : 0,
                        dialect -> new ReadSql(dialect).performanceSummary(Dataset.lastDays(30))),
                new DashboardQuery("p95 by 1h", "hourly 95th percentile of one metric, 7 days", true,
                        store -> store.aggregate(p95).size(), dialect -> new ReadSql(dialect).aggregate(p95)));
    }
}
