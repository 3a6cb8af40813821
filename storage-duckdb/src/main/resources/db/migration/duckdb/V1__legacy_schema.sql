-- The schema of the older Python system, exactly. A database that system created is adopted by baselining it at
-- this version; a new database is created through it, so both reach the current schema through the same upgrades.
CREATE TABLE trading_metrics (
    timestamp TIMESTAMP NOT NULL,
    metric_name VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    symbol VARCHAR,
    labels JSON
);

CREATE TABLE candles (
    timestamp TIMESTAMP NOT NULL,
    symbol VARCHAR NOT NULL,
    open DOUBLE NOT NULL,
    high DOUBLE NOT NULL,
    low DOUBLE NOT NULL,
    close DOUBLE NOT NULL,
    volume BIGINT NOT NULL,
    PRIMARY KEY (timestamp, symbol)
);

CREATE TABLE performance_history (
    timestamp TIMESTAMP NOT NULL PRIMARY KEY,
    portfolio_value DOUBLE NOT NULL,
    pnl DOUBLE NOT NULL,
    sharpe_ratio DOUBLE,
    max_drawdown DOUBLE,
    win_rate DOUBLE,
    total_trades INTEGER
);

CREATE INDEX idx_metrics_timestamp ON trading_metrics (timestamp);
CREATE INDEX idx_metrics_name ON trading_metrics (metric_name);
CREATE INDEX idx_metrics_symbol ON trading_metrics (symbol);
CREATE INDEX idx_candles_symbol_time ON candles (symbol, timestamp);
CREATE INDEX idx_performance_timestamp ON performance_history (timestamp);
