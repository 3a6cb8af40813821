-- Rollups of the points: per (metric_name, symbol, bucket) of each level, the count, sum, extremes and the first and
-- last value by timestamp, so that aggregations whose buckets are whole numbers of a level's read a few rows per
-- bucket instead of every point. The store keeps them in the transaction of every write and delete (see Rollups in
-- storage-jdbc); metric_rollup_levels lists the levels built from the raw points and maintained since.
--
-- A table per level, keyed by series and bucket: writes merge into it with INSERT ... ON CONFLICT DO UPDATE. Plain
-- tables, never hypertables: a level is small next to the points, and deletes rebuild its buckets row by row.
-- symbol is '' and has_symbol false for points without a symbol (an empty symbol is a valid one, and a key column
-- cannot be NULL).
CREATE TABLE metric_rollup_levels (
    level    TEXT        NOT NULL PRIMARY KEY,
    built_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE metric_rollup_1m (
    metric_name  TEXT             NOT NULL,
    symbol       TEXT             NOT NULL,
    has_symbol   BOOLEAN          NOT NULL,
    bucket       TIMESTAMPTZ      NOT NULL,
    sample_count BIGINT           NOT NULL,
    value_sum    DOUBLE PRECISION NOT NULL,
    value_min    DOUBLE PRECISION NOT NULL,
    value_max    DOUBLE PRECISION NOT NULL,
    first_ts     TIMESTAMPTZ      NOT NULL,
    first_value  DOUBLE PRECISION NOT NULL,
    last_ts      TIMESTAMPTZ      NOT NULL,
    last_value   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (metric_name, symbol, has_symbol, bucket)
);

CREATE TABLE metric_rollup_5m (
    metric_name  TEXT             NOT NULL,
    symbol       TEXT             NOT NULL,
    has_symbol   BOOLEAN          NOT NULL,
    bucket       TIMESTAMPTZ      NOT NULL,
    sample_count BIGINT           NOT NULL,
    value_sum    DOUBLE PRECISION NOT NULL,
    value_min    DOUBLE PRECISION NOT NULL,
    value_max    DOUBLE PRECISION NOT NULL,
    first_ts     TIMESTAMPTZ      NOT NULL,
    first_value  DOUBLE PRECISION NOT NULL,
    last_ts      TIMESTAMPTZ      NOT NULL,
    last_value   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (metric_name, symbol, has_symbol, bucket)
);

CREATE TABLE metric_rollup_15m (
    metric_name  TEXT             NOT NULL,
    symbol       TEXT             NOT NULL,
    has_symbol   BOOLEAN          NOT NULL,
    bucket       TIMESTAMPTZ      NOT NULL,
    sample_count BIGINT           NOT NULL,
    value_sum    DOUBLE PRECISION NOT NULL,
    value_min    DOUBLE PRECISION NOT NULL,
    value_max    DOUBLE PRECISION NOT NULL,
    first_ts     TIMESTAMPTZ      NOT NULL,
    first_value  DOUBLE PRECISION NOT NULL,
    last_ts      TIMESTAMPTZ      NOT NULL,
    last_value   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (metric_name, symbol, has_symbol, bucket)
);

CREATE TABLE metric_rollup_1h (
    metric_name  TEXT             NOT NULL,
    symbol       TEXT             NOT NULL,
    has_symbol   BOOLEAN          NOT NULL,
    bucket       TIMESTAMPTZ      NOT NULL,
    sample_count BIGINT           NOT NULL,
    value_sum    DOUBLE PRECISION NOT NULL,
    value_min    DOUBLE PRECISION NOT NULL,
    value_max    DOUBLE PRECISION NOT NULL,
    first_ts     TIMESTAMPTZ      NOT NULL,
    first_value  DOUBLE PRECISION NOT NULL,
    last_ts      TIMESTAMPTZ      NOT NULL,
    last_value   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (metric_name, symbol, has_symbol, bucket)
);

CREATE TABLE metric_rollup_4h (
    metric_name  TEXT             NOT NULL,
    symbol       TEXT             NOT NULL,
    has_symbol   BOOLEAN          NOT NULL,
    bucket       TIMESTAMPTZ      NOT NULL,
    sample_count BIGINT           NOT NULL,
    value_sum    DOUBLE PRECISION NOT NULL,
    value_min    DOUBLE PRECISION NOT NULL,
    value_max    DOUBLE PRECISION NOT NULL,
    first_ts     TIMESTAMPTZ      NOT NULL,
    first_value  DOUBLE PRECISION NOT NULL,
    last_ts      TIMESTAMPTZ      NOT NULL,
    last_value   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (metric_name, symbol, has_symbol, bucket)
);

CREATE TABLE metric_rollup_1d (
    metric_name  TEXT             NOT NULL,
    symbol       TEXT             NOT NULL,
    has_symbol   BOOLEAN          NOT NULL,
    bucket       TIMESTAMPTZ      NOT NULL,
    sample_count BIGINT           NOT NULL,
    value_sum    DOUBLE PRECISION NOT NULL,
    value_min    DOUBLE PRECISION NOT NULL,
    value_max    DOUBLE PRECISION NOT NULL,
    first_ts     TIMESTAMPTZ      NOT NULL,
    first_value  DOUBLE PRECISION NOT NULL,
    last_ts      TIMESTAMPTZ      NOT NULL,
    last_value   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (metric_name, symbol, has_symbol, bucket)
);

-- The default levels (1m, 1h) are built from the points already stored (an adopted database's), with portable SQL
-- that gives TimescaleDB's time_bucket boundaries for these widths; the store builds any other configured level when
-- it opens for writing.
INSERT INTO metric_rollup_1m
    SELECT metric_name, COALESCE(symbol, ''), symbol IS NOT NULL, (date_trunc('minute', timestamp AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), count(*), sum(value),
        min(value), max(value), min(timestamp), (array_agg(value ORDER BY timestamp))[1], max(timestamp),
        (array_agg(value ORDER BY timestamp DESC))[1]
    FROM trading_metrics GROUP BY metric_name, symbol, (date_trunc('minute', timestamp AT TIME ZONE 'UTC') AT TIME ZONE 'UTC');
INSERT INTO metric_rollup_1h
    SELECT metric_name, COALESCE(symbol, ''), symbol IS NOT NULL, (date_trunc('hour', timestamp AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), count(*), sum(value),
        min(value), max(value), min(timestamp), (array_agg(value ORDER BY timestamp))[1], max(timestamp),
        (array_agg(value ORDER BY timestamp DESC))[1]
    FROM trading_metrics GROUP BY metric_name, symbol, (date_trunc('hour', timestamp AT TIME ZONE 'UTC') AT TIME ZONE 'UTC');
INSERT INTO metric_rollup_levels VALUES ('1m', now()), ('1h', now());
