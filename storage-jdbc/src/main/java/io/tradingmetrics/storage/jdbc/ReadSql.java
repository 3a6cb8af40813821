package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Builds the SQL of every read of {@link JdbcMetricsStore} from a dialect. Column lists match {@link RowMappers}. */
public final class ReadSql {
    private final SqlDialect dialect;

    public ReadSql(SqlDialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** Raw points of one metric, newest first. */
    public SqlBuilder metrics(MetricQuery query) {
        SqlBuilder sql = new SqlBuilder().sql("SELECT " + metricColumns() + " FROM trading_metrics WHERE ");
        metricFilter(sql, query.metricName(), query.range(), query.symbol());
        dialect.appendLabelsMatch(sql, "labels", query.labels());
        // The limit as a number (an int of the query, not text): see BucketCap.limited.
        return sql.sql(" ORDER BY timestamp DESC LIMIT " + query.limit());
    }

    /** The aggregation's rows, as the store sends it without rollups: {@link #orderedAggregation} of its rows. */
    public SqlBuilder aggregate(AggregationQuery query) {
        return orderedAggregation(aggregateRows(query), query.groupBySymbol());
    }

    /** Rows of (series_symbol: symbol or NULL, bucket_start, agg_value, sample_count) from the points, unordered. */
    public SqlBuilder aggregateRows(AggregationQuery query) {
        String bucket = dialect.timeBucket(query.interval(), "timestamp");
        String symbol = query.groupBySymbol() ? "symbol" : "CAST(NULL AS VARCHAR)";
        SqlBuilder sql = new SqlBuilder().sql("SELECT " + symbol + " AS series_symbol, " + bucket + " AS bucket_start, "
                + aggregateExpression(query.aggregation()) + " AS agg_value, count(*) AS sample_count"
                + " FROM trading_metrics WHERE ");
        metricFilter(sql, query.metricName(), query.range(), query.symbol());
        dialect.appendLabelsMatch(sql, "labels", query.labels());
        return sql.sql(query.groupBySymbol() ? " GROUP BY symbol, " + bucket : " GROUP BY " + bucket);
    }

    /**
     * The rows of an aggregation ({@link #aggregateRows}, or a rollup's) in the order of its answer: by symbol, then
     * bucket, when grouped by symbol; by bucket otherwise. Grouped by symbol on a dialect whose driver pays per
     * text value ({@link SqlDialect#textsCostPerValue}), the symbol is sent once per series, as (whether the row
     * starts a series, its symbol on such a row, else NULL, bucket start, value, sample count): the symbols of
     * 36,000 hourly buckets were 20 of 35 ms on DuckDB, where a NULL costs nothing. On a dialect that leaves the
     * sort to the store ({@link SqlDialect#sortsAggregations}) the rows come unordered, for {@link AnswerOrder}.
     */
    public SqlBuilder orderedAggregation(SqlBuilder rows, boolean groupedBySymbol) {
        String order = groupedBySymbol ? dialect.orderTextNullsFirst("series_symbol") + ", bucket_start"
                : "bucket_start";
        if (!sendsSymbolOnce(groupedBySymbol)) {
            return new SqlBuilder().sql("SELECT series_symbol, bucket_start, agg_value, sample_count FROM (").sql(rows)
                    .sql(dialect.sortsAggregations(groupedBySymbol) ? ") buckets ORDER BY " + order : ") buckets");
        }
        return new SqlBuilder().sql("SELECT symbol_starts, CASE WHEN symbol_starts THEN series_symbol END,"
                + " bucket_start, agg_value, sample_count FROM (SELECT (row_number() OVER w = 1"
                + " OR lag(series_symbol) OVER w IS DISTINCT FROM series_symbol) AS symbol_starts, series_symbol,"
                + " bucket_start, agg_value, sample_count FROM (").sql(rows)
                .sql(") buckets WINDOW w AS (ORDER BY " + order + ")) marked ORDER BY " + order);
    }

    /** One row: the first and last timestamp of the points an aggregation covers, NULL when there are none. */
    public SqlBuilder extent(AggregationQuery query) {
        SqlBuilder sql = new SqlBuilder().sql("SELECT min(timestamp), max(timestamp) FROM trading_metrics WHERE ");
        metricFilter(sql, query.metricName(), query.range(), query.symbol());
        dialect.appendLabelsMatch(sql, "labels", query.labels());
        return sql;
    }

    /** Stored candles, by timestamp then symbol. */
    public SqlBuilder candles(CandleQuery query) {
        SqlBuilder sql = new SqlBuilder().sql("SELECT " + TableColumns.CANDLES.names() + " FROM candles WHERE ");
        rangeFilter(sql, query.range());
        query.symbol().ifPresent(symbol -> dialect.appendText(sql.sql(" AND symbol = "), symbol));
        return sql.sql(" ORDER BY timestamp, " + dialect.orderTextNullsFirst("symbol"));
    }

    /** Stored candles rolled up, as rows of {@link TableColumns#CANDLES}, by bucket then symbol. */
    public SqlBuilder rollUp(CandleQuery query, Interval interval) {
        String bucket = dialect.timeBucket(interval, "timestamp");
        SqlBuilder sql = new SqlBuilder().sql("SELECT " + bucket + " AS bucket_start, symbol, "
                + dialect.first("open", "timestamp") + ", max(high), min(low), " + dialect.last("close", "timestamp")
                + ", CAST(sum(volume) AS BIGINT) FROM candles WHERE ");
        rangeFilter(sql, query.range());
        query.symbol().ifPresent(symbol -> dialect.appendText(sql.sql(" AND symbol = "), symbol));
        return sql.sql(" GROUP BY " + bucket + ", symbol ORDER BY bucket_start, "
                + dialect.orderTextNullsFirst("symbol"));
    }

    /**
     * Candles from raw points: rows of (bucket start, symbol, open, high, low, close, price count, volume sum or
     * NULL), by bucket then symbol. The volume sum is rounded by the caller so that every engine rounds alike.
     */
    public SqlBuilder candlesFromMetrics(MetricCandleQuery query) {
        String bucket = dialect.timeBucket(query.interval(), "timestamp");
        if (query.volumeMetric().isPresent()) {
            return candlesWithVolume(query, bucket);
        }
        SqlBuilder sql = new SqlBuilder().sql("WITH prices AS (SELECT symbol, " + bucket + " AS bucket_start, "
                + dialect.first("value", "timestamp") + " AS open_price, max(value) AS high_price,"
                + " min(value) AS low_price, " + dialect.last("value", "timestamp") + " AS close_price,"
                + " count(*) AS price_count FROM trading_metrics WHERE ");
        metricFilter(sql, query.priceMetric(), query.range(), query.symbol());
        sql.sql(" AND symbol IS NOT NULL GROUP BY symbol, " + bucket + ")");
        return sql.sql(" SELECT bucket_start, symbol, open_price, high_price, low_price, close_price, price_count,"
                + " CAST(NULL AS DOUBLE PRECISION) FROM prices ORDER BY bucket_start, "
                + dialect.orderTextNullsFirst("symbol"));
    }

    private SqlBuilder candlesWithVolume(MetricCandleQuery query, String bucket) {
        // One pass over the points of both metrics, each aggregate filtered to its metric: an aggregation per
        // metric joined on (symbol, bucket) read the points twice and joined them (measured in BENCHMARKS.md).
        // Buckets with volume but no price make no candle, as before.
        SqlBuilder both = new SqlBuilder().sql("SELECT bucket_start, symbol, "
                + dialect.firstWhere("value", "timestamp", "is_price") + ", max(value) FILTER (WHERE is_price),"
                + " min(value) FILTER (WHERE is_price), " + dialect.lastWhere("value", "timestamp", "is_price")
                + ", count(*) FILTER (WHERE is_price), sum(value) FILTER (WHERE is_volume) FROM (SELECT " + bucket
                + " AS bucket_start, symbol, timestamp, value, metric_name = ");
        dialect.appendText(both, query.priceMetric());
        dialect.appendText(both.sql(" AS is_price, metric_name = "), query.volumeMetric().get());
        dialect.appendText(both.sql(" AS is_volume FROM trading_metrics WHERE metric_name IN ("), query.priceMetric());
        dialect.appendText(both.sql(", "), query.volumeMetric().get());
        both.sql(") AND ");
        rangeFilter(both, query.range());
        query.symbol().ifPresent(s -> dialect.appendText(both.sql(" AND symbol = "), s));
        return both.sql(" AND symbol IS NOT NULL) points GROUP BY bucket_start, symbol"
                + " HAVING count(*) FILTER (WHERE is_price) > 0 ORDER BY bucket_start, "
                + dialect.orderTextNullsFirst("symbol"));
    }

    /** Snapshots in the range, oldest first. */
    public SqlBuilder performance(TimeRange range) {
        SqlBuilder sql = new SqlBuilder().sql("SELECT " + TableColumns.PERFORMANCE.names()
                + " FROM performance_history WHERE ");
        rangeFilter(sql, range);
        return sql.sql(" ORDER BY timestamp");
    }

    /**
     * One row: count, first and last timestamp, start and end value, min and max value, pnl sum, mean Sharpe,
     * worst drawdown, mean win rate, trade sum.
     */
    public SqlBuilder performanceSummary(TimeRange range) {
        SqlBuilder sql = new SqlBuilder().sql("SELECT count(*), min(timestamp), max(timestamp), "
                + dialect.first("portfolio_value", "timestamp") + ", " + dialect.last("portfolio_value", "timestamp")
                + ", min(portfolio_value), max(portfolio_value), sum(pnl), avg(sharpe_ratio), min(max_drawdown),"
                + " avg(win_rate), CAST(COALESCE(sum(total_trades), 0) AS BIGINT) FROM performance_history WHERE ");
        return rangeFilter(sql, range);
    }

    /** Every row of a table in the range, oldest first, as rows of the table's {@link RowMappers} columns. */
    public SqlBuilder streamAll(StoreTable table, TimeRange range) {
        SqlBuilder sql = new SqlBuilder().sql("SELECT " + columnsOf(table) + " FROM " + table.tableName() + " WHERE ");
        rangeFilter(sql, range);
        return sql.sql(" ORDER BY timestamp");
    }

    /** The count of a table's rows in the range. */
    public SqlBuilder count(StoreTable table, TimeRange range) {
        return rangeFilter(new SqlBuilder().sql("SELECT count(*) FROM " + table.tableName() + " WHERE "), range);
    }

    /** One row: count, min timestamp, max timestamp of a whole table. */
    public SqlBuilder tableStats(StoreTable table) {
        return new SqlBuilder().sql("SELECT count(*), min(timestamp), max(timestamp) FROM " + table.tableName());
    }

    /** The deletion of a table's rows in the range. */
    public SqlBuilder deleteRange(StoreTable table, TimeRange range) {
        return rangeFilter(new SqlBuilder().sql("DELETE FROM " + table.tableName() + " WHERE "), range);
    }

    private String aggregateExpression(Aggregation aggregation) {
        return switch (aggregation) {
            case AVG -> "avg(value)";
            case SUM -> "sum(value)";
            case MIN -> "min(value)";
            case MAX -> "max(value)";
            case COUNT -> "CAST(count(*) AS DOUBLE PRECISION)";
            case FIRST -> dialect.first("value", "timestamp");
            case LAST -> dialect.last("value", "timestamp");
            case P50, P95, P99 -> dialect.percentile(aggregation.percentileFraction(), "value");
            case STDDEV -> dialect.stddevSample("value");
        };
    }

    private void metricFilter(SqlBuilder sql, String metricName, TimeRange range, Optional<String> symbol) {
        dialect.appendText(sql.sql("metric_name = "), metricName);
        rangeFilter(sql.sql(" AND "), range);
        symbol.ifPresent(s -> dialect.appendText(sql.sql(" AND symbol = "), s));
    }

    /** The bounds as the dialect writes timestamps: bound, or literals where the engine plans better with them. */
    private SqlBuilder rangeFilter(SqlBuilder sql, TimeRange range) {
        dialect.appendRange(sql, "timestamp", range.from(), range.to());
        return sql;
    }

    private String columnsOf(StoreTable table) {
        return table == StoreTable.TRADING_METRICS ? metricColumns() : TableColumns.of(table).names();
    }

    /**
     * @return the select list of points' rows, read by {@link RowMappers#metricPoints}: the columns of
     *         {@link TableColumns#METRICS}, texts through {@link SqlDialect#selectText}
     */
    public String metricColumns() {
        return "timestamp, " + dialect.selectText("metric_name") + ", value, " + dialect.selectText("symbol") + ", "
                + dialect.selectText("labels");
    }

    /** @return whether {@link #orderedAggregation}'s rows come sorted, or unordered, for {@link AnswerOrder} */
    public boolean sortsAggregations(boolean groupedBySymbol) {
        return dialect.sortsAggregations(groupedBySymbol);
    }

    /**
     * @return whether {@link #orderedAggregation} sends the symbol once per series, in the rows (whether the row
     *         starts a series, its symbol or NULL, bucket start, value, sample count)
     */
    public boolean sendsSymbolOnce(boolean groupedBySymbol) {
        return groupedBySymbol && dialect.textsCostPerValue() && dialect.sortsAggregations(true);
    }
}
