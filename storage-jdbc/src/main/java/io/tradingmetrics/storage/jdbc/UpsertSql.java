package io.tradingmetrics.storage.jdbc;

/**
 * The upsert statements both engines accept ({@code INSERT ... SELECT ... ON CONFLICT ... DO UPDATE}), from a
 * staging table with the target's columns, and the staging tables' definitions ({@code DOUBLE PRECISION} is
 * understood by DuckDB and PostgreSQL alike).
 */
public final class UpsertSql {
    /** The temporary staging table of candle upserts. */
    public static final String CANDLES_STAGING = "candles_staging";
    /** The temporary staging table of snapshot upserts. */
    public static final String PERFORMANCE_STAGING = "performance_history_staging";

    private UpsertSql() {}

    /** @return the columns of a candle staging table, for CREATE TEMPORARY TABLE name (...) */
    public static String candleColumns(String timestampType) {
        return "(timestamp " + timestampType + " NOT NULL, symbol VARCHAR NOT NULL, open DOUBLE PRECISION NOT NULL,"
                + " high DOUBLE PRECISION NOT NULL, low DOUBLE PRECISION NOT NULL, close DOUBLE PRECISION NOT NULL,"
                + " volume BIGINT NOT NULL)";
    }

    /** @return the columns of a snapshot staging table, for CREATE TEMPORARY TABLE name (...) */
    public static String performanceColumns(String timestampType) {
        return "(timestamp " + timestampType + " NOT NULL, portfolio_value DOUBLE PRECISION NOT NULL,"
                + " pnl DOUBLE PRECISION NOT NULL, sharpe_ratio DOUBLE PRECISION, max_drawdown DOUBLE PRECISION,"
                + " win_rate DOUBLE PRECISION, total_trades INTEGER)";
    }

    /** @return the upsert of every staged candle into {@code candles} */
    public static String upsertCandlesFrom(String stagingTable) {
        return "INSERT INTO candles (timestamp, symbol, open, high, low, close, volume)"
                + " SELECT timestamp, symbol, open, high, low, close, volume FROM " + stagingTable
                + " ON CONFLICT (timestamp, symbol) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,"
                + " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume";
    }

    /** @return the upsert of every staged snapshot into {@code performance_history} */
    public static String upsertPerformanceFrom(String stagingTable) {
        return "INSERT INTO performance_history (timestamp, portfolio_value, pnl, sharpe_ratio, max_drawdown,"
                + " win_rate, total_trades)"
                + " SELECT timestamp, portfolio_value, pnl, sharpe_ratio, max_drawdown, win_rate, total_trades FROM "
                + stagingTable
                + " ON CONFLICT (timestamp) DO UPDATE SET portfolio_value = EXCLUDED.portfolio_value,"
                + " pnl = EXCLUDED.pnl, sharpe_ratio = EXCLUDED.sharpe_ratio, max_drawdown = EXCLUDED.max_drawdown,"
                + " win_rate = EXCLUDED.win_rate, total_trades = EXCLUDED.total_trades";
    }
}
