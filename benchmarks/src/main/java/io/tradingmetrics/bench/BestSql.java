package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.TimeRange;

/**
 * The dashboard reads as a user who knows the engine would write them by hand: the best form found for each engine,
 * every value a literal (no bound parameters, so no prepared plan can be generic), over the raw tables, returning
 * the same rows in the same order as the store. The store is measured against these, not against its own SQL.
 * Which forms won, and what was tried, is in BENCHMARKS.md.
 */
final class BestSql {
    /** The engines the forms are written for. */
    enum Engine { DUCKDB, TIMESCALEDB }

    private static final String POINT_COLUMNS = "timestamp, metric_name, value, symbol, labels";

    private BestSql() {}

    static String rawRange(Engine engine, String metric, String symbol, TimeRange range, int limit) {
        return "SELECT " + POINT_COLUMNS + " FROM trading_metrics WHERE metric_name = " + text(metric)
                + " AND symbol = " + text(symbol) + " AND " + within(range) + " ORDER BY timestamp DESC LIMIT " + limit;
    }

    /** @param width an interval literal's text, for example {@code 1 minute} */
    static String average(Engine engine, String metric, TimeRange range, String width, boolean bySymbol) {
        String bucket = bucket(engine, width, "timestamp");
        String symbol = bySymbol ? "symbol, " : "";
        return "SELECT " + symbol + bucket + " AS bucket, avg(value), count(*) FROM trading_metrics WHERE metric_name = "
                + text(metric) + " AND " + within(range) + " GROUP BY " + symbol + "bucket ORDER BY " + symbol + "bucket";
    }

    static String percentile(Engine engine, String metric, TimeRange range, String width, double fraction) {
        String bucket = bucket(engine, width, "timestamp");
        String aggregate = engine == Engine.DUCKDB ? "quantile_cont(value, " + fraction + ")"
                : "percentile_cont(" + fraction + ") WITHIN GROUP (ORDER BY value)";
        return "SELECT " + bucket + " AS bucket, " + aggregate + ", count(*) FROM trading_metrics WHERE metric_name = "
                + text(metric) + " AND " + within(range) + " GROUP BY bucket ORDER BY bucket";
    }

    /**
     * DuckDB: one hash aggregation with a per-column {@code arg_max} (an {@code arg_max} over a struct of the row
     * copies the labels into every state it replaces). TimescaleDB: a loose index scan over
     * {@code (metric_name, symbol, timestamp DESC)}, one probe per metric, per symbol and per series' newest row.
     */
    static String latest(Engine engine) {
        if (engine == Engine.DUCKDB) {
            return "SELECT max(timestamp), metric_name, arg_max(value, timestamp), symbol, arg_max(labels, timestamp)"
                    + " FROM trading_metrics GROUP BY metric_name, symbol ORDER BY metric_name, symbol";
        }
        return "WITH RECURSIVE metrics(name) AS (SELECT min(metric_name) FROM trading_metrics UNION ALL"
                + " SELECT (SELECT min(metric_name) FROM trading_metrics WHERE metric_name > m.name) FROM metrics m"
                + " WHERE m.name IS NOT NULL), series(name, symbol) AS (SELECT name, (SELECT min(symbol) FROM"
                + " trading_metrics WHERE metric_name = m.name) FROM metrics m WHERE name IS NOT NULL UNION ALL"
                + " SELECT s.name, (SELECT min(symbol) FROM trading_metrics WHERE metric_name = s.name AND symbol >"
                + " s.symbol) FROM series s WHERE s.symbol IS NOT NULL)"
                + " SELECT p.* FROM series s CROSS JOIN LATERAL (SELECT " + POINT_COLUMNS + " FROM trading_metrics t"
                + " WHERE t.metric_name = s.name AND t.symbol = s.symbol ORDER BY t.timestamp DESC LIMIT 1) p"
                + " WHERE s.symbol IS NOT NULL ORDER BY p.metric_name, p.symbol";
    }

    static String candleRollUp(Engine engine, TimeRange range, String width) {
        String bucket = bucket(engine, width, "timestamp");
        return "SELECT " + bucket + " AS bucket, symbol, " + first(engine, "open") + ", max(high), min(low), "
                + last(engine, "close") + ", sum(volume) FROM candles WHERE " + within(range)
                + " GROUP BY bucket, symbol ORDER BY bucket, symbol";
    }

    /**
     * One pass over both metrics, each aggregate filtered to its metric, rather than an aggregation per metric
     * joined on (bucket, symbol); buckets without a price are left out, as a candle needs one.
     */
    static String candlesFromMetrics(Engine engine, String price, String volume, TimeRange range, String width) {
        String bucket = bucket(engine, width, "timestamp");
        String isPrice = " FILTER (WHERE metric_name = " + text(price) + ")";
        return "SELECT " + bucket + " AS bucket, symbol, " + first(engine, "value") + isPrice + ", max(value)" + isPrice
                + ", min(value)" + isPrice + ", " + last(engine, "value") + isPrice + ", count(*)" + isPrice
                + ", sum(value) FILTER (WHERE metric_name = " + text(volume) + ") FROM trading_metrics"
                + " WHERE metric_name IN (" + text(price) + ", " + text(volume) + ") AND symbol IS NOT NULL AND "
                + within(range) + " GROUP BY bucket, symbol HAVING count(*)" + isPrice + " > 0 ORDER BY bucket, symbol";
    }

    static String performanceSummary(Engine engine, TimeRange range) {
        return "SELECT count(*), min(timestamp), max(timestamp), " + first(engine, "portfolio_value") + ", "
                + last(engine, "portfolio_value") + ", min(portfolio_value), max(portfolio_value), sum(pnl),"
                + " avg(sharpe_ratio), min(max_drawdown), avg(win_rate), sum(total_trades) FROM performance_history"
                + " WHERE " + within(range);
    }

    private static String bucket(Engine engine, String width, String column) {
        return "time_bucket(INTERVAL '" + width + "', " + column + ")";
    }

    private static String first(Engine engine, String value) {
        return (engine == Engine.DUCKDB ? "arg_min(" : "first(") + value + ", timestamp)";
    }

    private static String last(Engine engine, String value) {
        return (engine == Engine.DUCKDB ? "arg_max(" : "last(") + value + ", timestamp)";
    }

    private static String within(TimeRange range) {
        return "timestamp >= TIMESTAMPTZ '" + range.from() + "' AND timestamp < TIMESTAMPTZ '" + range.to() + "'";
    }

    /** A string literal; the benchmark's names hold no quotes, but a quote is doubled anyway. */
    private static String text(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
