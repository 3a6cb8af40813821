-- Timestamps become TIMESTAMPTZ: the older system's naive timestamps mean UTC, and timezone('UTC', ...) reads them
-- so whatever the session's zone. DuckDB refuses ALTER TYPE on key and indexed columns, so each table is rebuilt;
-- Flyway runs this script in one transaction, so a failure leaves the old tables as they were.
--
-- Indexes: trading_metrics gets none. DuckDB's zone maps (min/max per row group) prune time ranges on data that
-- arrives in time order, and an ART index would halve the Appender's speed. The keys of candles and
-- performance_history stay: upserts need them for ON CONFLICT.

CREATE TABLE trading_metrics_v2 (
    timestamp TIMESTAMPTZ NOT NULL,
    metric_name VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    symbol VARCHAR,
    labels JSON
);
INSERT INTO trading_metrics_v2
    SELECT timezone('UTC', timestamp), metric_name, value, symbol, labels FROM trading_metrics ORDER BY timestamp;
DROP TABLE trading_metrics;
ALTER TABLE trading_metrics_v2 RENAME TO trading_metrics;

CREATE TABLE candles_v2 (
    timestamp TIMESTAMPTZ NOT NULL,
    symbol VARCHAR NOT NULL,
    open DOUBLE NOT NULL,
    high DOUBLE NOT NULL,
    low DOUBLE NOT NULL,
    close DOUBLE NOT NULL,
    volume BIGINT NOT NULL,
    PRIMARY KEY (timestamp, symbol)
);
INSERT INTO candles_v2
    SELECT timezone('UTC', timestamp), symbol, open, high, low, close, volume FROM candles ORDER BY timestamp, symbol;
DROP TABLE candles;
ALTER TABLE candles_v2 RENAME TO candles;

CREATE TABLE performance_history_v2 (
    timestamp TIMESTAMPTZ NOT NULL PRIMARY KEY,
    portfolio_value DOUBLE NOT NULL,
    pnl DOUBLE NOT NULL,
    sharpe_ratio DOUBLE,
    max_drawdown DOUBLE,
    win_rate DOUBLE,
    total_trades INTEGER
);
INSERT INTO performance_history_v2
    SELECT timezone('UTC', timestamp), portfolio_value, pnl, sharpe_ratio, max_drawdown, win_rate, total_trades
    FROM performance_history ORDER BY timestamp;
DROP TABLE performance_history;
ALTER TABLE performance_history_v2 RENAME TO performance_history;
