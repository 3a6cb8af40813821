-- The series catalogue: the newest point of every (metric_name, symbol) series, which latest() reads instead of
-- probing every chunk. The store keeps it exact in the transaction of every write and delete of points
-- (SeriesCatalogue in storage-jdbc); this script builds it from the points already stored, so adopted databases get
-- it too. symbol_key is '=' || symbol, or '' for the series without symbol: key columns cannot be NULL, and '' is a
-- symbol. A plain table, never a hypertable: it is keyed by series, not by time.
CREATE TABLE series_catalogue (
    metric_name TEXT             NOT NULL,
    symbol_key  TEXT             NOT NULL,
    timestamp   TIMESTAMPTZ      NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    symbol      TEXT,
    labels      JSONB,
    PRIMARY KEY (metric_name, symbol_key)
);
INSERT INTO series_catalogue
    SELECT DISTINCT ON (metric_name, symbol) metric_name, coalesce('=' || symbol, ''), timestamp, value, symbol, labels
    FROM trading_metrics ORDER BY metric_name, symbol, timestamp DESC;
