-- Indexes for the store's reads, on new and adopted databases alike (IF NOT EXISTS: a hypertable already has
-- trading_metrics_timestamp_idx, made by create_hypertable).
-- Raw reads, aggregations and latest-per-series walk one (metric_name, symbol) series newest first.
CREATE INDEX IF NOT EXISTS trading_metrics_series_time_idx ON trading_metrics (metric_name, symbol, timestamp DESC);
-- Range scans over every metric: streaming export, counts, retention.
CREATE INDEX IF NOT EXISTS trading_metrics_timestamp_idx ON trading_metrics (timestamp DESC);
-- Candles of one symbol (the primary key leads with timestamp).
CREATE INDEX IF NOT EXISTS candles_symbol_timestamp_idx ON candles (symbol, timestamp DESC);
