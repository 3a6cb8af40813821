-- The tables of the older system, exactly as it created them, in the schema Flyway manages. A database that
-- already holds them is adopted instead (baselined at version 1): its tables stay as they are.
CREATE TABLE trading_metrics (
    timestamp   TIMESTAMPTZ      NOT NULL,
    metric_name TEXT             NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    symbol      TEXT,
    labels      JSONB
);

CREATE TABLE candles (
    timestamp TIMESTAMPTZ      NOT NULL,
    symbol    TEXT             NOT NULL,
    open      DOUBLE PRECISION NOT NULL,
    high      DOUBLE PRECISION NOT NULL,
    low       DOUBLE PRECISION NOT NULL,
    close     DOUBLE PRECISION NOT NULL,
    volume    BIGINT           NOT NULL,
    PRIMARY KEY (timestamp, symbol)
);

CREATE TABLE performance_history (
    timestamp       TIMESTAMPTZ      NOT NULL PRIMARY KEY,
    portfolio_value DOUBLE PRECISION NOT NULL,
    pnl             DOUBLE PRECISION NOT NULL,
    sharpe_ratio    DOUBLE PRECISION,
    max_drawdown    DOUBLE PRECISION,
    win_rate        DOUBLE PRECISION,
    total_trades    INTEGER
);

-- With TimescaleDB, every table is a hypertable on timestamp, so that retention drops whole chunks.
-- The placeholders are set by the store from what the server offers and metrics.store.timescale.chunk-interval.
DO $$
BEGIN
    IF ${timescaledb} THEN
        PERFORM ${timescaledb_schema}.create_hypertable(format('%I.trading_metrics', current_schema())::regclass,
            'timestamp', chunk_time_interval => INTERVAL '${chunk_interval}');
        PERFORM ${timescaledb_schema}.create_hypertable(format('%I.candles', current_schema())::regclass,
            'timestamp', chunk_time_interval => INTERVAL '${chunk_interval}');
        PERFORM ${timescaledb_schema}.create_hypertable(format('%I.performance_history', current_schema())::regclass,
            'timestamp', chunk_time_interval => INTERVAL '${chunk_interval}');
    END IF;
END
$$;
