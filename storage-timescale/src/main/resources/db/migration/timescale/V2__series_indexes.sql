-- Indexes for the store's reads, on new and adopted databases alike.
-- Raw reads, aggregations and latest-per-series walk one (metric_name, symbol) series newest first.
CREATE INDEX IF NOT EXISTS trading_metrics_series_time_idx ON trading_metrics (metric_name, symbol, timestamp DESC);
-- Candles of one symbol (the primary key leads with timestamp).
CREATE INDEX IF NOT EXISTS candles_symbol_timestamp_idx ON candles (symbol, timestamp DESC);

-- Range scans over every metric (streaming export, counts, retention). create_hypertable made this index already
-- on a hypertable; checked here rather than with IF NOT EXISTS, whose notice Flyway reports as a warning.
DO $$
BEGIN
    IF to_regclass(format('%I.trading_metrics_timestamp_idx', current_schema())) IS NULL THEN
        CREATE INDEX trading_metrics_timestamp_idx ON trading_metrics (timestamp DESC);
    END IF;
END
$$;
