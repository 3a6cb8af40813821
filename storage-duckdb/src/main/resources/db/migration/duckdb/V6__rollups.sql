-- Rollups of the points: per (metric_name, symbol, bucket) of each level, the count, sum, extremes and the first and
-- last value by timestamp, so that aggregations whose buckets are whole numbers of a level's read a few rows per
-- bucket instead of every point. The store keeps them in the transaction of every write and delete (see Rollups in
-- storage-jdbc); metric_rollup_levels lists the levels built from the raw points and maintained since.
--
-- A table per level, so that a read scans only its level's rows. No key: DuckDB would keep an ART index that cost
-- the write's merge more than the merge itself; the store merges by update-then-insert, writes serialized.
-- symbol is '' and has_symbol false for points without a symbol (an empty symbol is a valid one).
CREATE TABLE metric_rollup_levels (
    level    VARCHAR     NOT NULL PRIMARY KEY,
    built_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE metric_rollup_1m (
    metric_name  VARCHAR     NOT NULL,
    symbol       VARCHAR     NOT NULL,
    has_symbol   BOOLEAN     NOT NULL,
    bucket       TIMESTAMPTZ NOT NULL,
    sample_count BIGINT      NOT NULL,
    value_sum    DOUBLE      NOT NULL,
    value_min    DOUBLE      NOT NULL,
    value_max    DOUBLE      NOT NULL,
    first_ts     TIMESTAMPTZ NOT NULL,
    first_value  DOUBLE      NOT NULL,
    last_ts      TIMESTAMPTZ NOT NULL,
    last_value   DOUBLE      NOT NULL
);

CREATE TABLE metric_rollup_5m (
    metric_name  VARCHAR     NOT NULL,
    symbol       VARCHAR     NOT NULL,
    has_symbol   BOOLEAN     NOT NULL,
    bucket       TIMESTAMPTZ NOT NULL,
    sample_count BIGINT      NOT NULL,
    value_sum    DOUBLE      NOT NULL,
    value_min    DOUBLE      NOT NULL,
    value_max    DOUBLE      NOT NULL,
    first_ts     TIMESTAMPTZ NOT NULL,
    first_value  DOUBLE      NOT NULL,
    last_ts      TIMESTAMPTZ NOT NULL,
    last_value   DOUBLE      NOT NULL
);

CREATE TABLE metric_rollup_15m (
    metric_name  VARCHAR     NOT NULL,
    symbol       VARCHAR     NOT NULL,
    has_symbol   BOOLEAN     NOT NULL,
    bucket       TIMESTAMPTZ NOT NULL,
    sample_count BIGINT      NOT NULL,
    value_sum    DOUBLE      NOT NULL,
    value_min    DOUBLE      NOT NULL,
    value_max    DOUBLE      NOT NULL,
    first_ts     TIMESTAMPTZ NOT NULL,
    first_value  DOUBLE      NOT NULL,
    last_ts      TIMESTAMPTZ NOT NULL,
    last_value   DOUBLE      NOT NULL
);

CREATE TABLE metric_rollup_1h (
    metric_name  VARCHAR     NOT NULL,
    symbol       VARCHAR     NOT NULL,
    has_symbol   BOOLEAN     NOT NULL,
    bucket       TIMESTAMPTZ NOT NULL,
    sample_count BIGINT      NOT NULL,
    value_sum    DOUBLE      NOT NULL,
    value_min    DOUBLE      NOT NULL,
    value_max    DOUBLE      NOT NULL,
    first_ts     TIMESTAMPTZ NOT NULL,
    first_value  DOUBLE      NOT NULL,
    last_ts      TIMESTAMPTZ NOT NULL,
    last_value   DOUBLE      NOT NULL
);

CREATE TABLE metric_rollup_4h (
    metric_name  VARCHAR     NOT NULL,
    symbol       VARCHAR     NOT NULL,
    has_symbol   BOOLEAN     NOT NULL,
    bucket       TIMESTAMPTZ NOT NULL,
    sample_count BIGINT      NOT NULL,
    value_sum    DOUBLE      NOT NULL,
    value_min    DOUBLE      NOT NULL,
    value_max    DOUBLE      NOT NULL,
    first_ts     TIMESTAMPTZ NOT NULL,
    first_value  DOUBLE      NOT NULL,
    last_ts      TIMESTAMPTZ NOT NULL,
    last_value   DOUBLE      NOT NULL
);

CREATE TABLE metric_rollup_1d (
    metric_name  VARCHAR     NOT NULL,
    symbol       VARCHAR     NOT NULL,
    has_symbol   BOOLEAN     NOT NULL,
    bucket       TIMESTAMPTZ NOT NULL,
    sample_count BIGINT      NOT NULL,
    value_sum    DOUBLE      NOT NULL,
    value_min    DOUBLE      NOT NULL,
    value_max    DOUBLE      NOT NULL,
    first_ts     TIMESTAMPTZ NOT NULL,
    first_value  DOUBLE      NOT NULL,
    last_ts      TIMESTAMPTZ NOT NULL,
    last_value   DOUBLE      NOT NULL
);

-- The default levels (1m, 1h) are built from the points already stored (an adopted database's); the store builds
-- any other configured level when it opens for writing.
INSERT INTO metric_rollup_1m
    SELECT metric_name, COALESCE(symbol, ''), symbol IS NOT NULL, time_bucket(INTERVAL '60000000 microseconds', timestamp), count(*), sum(value),
        min(value), max(value), min(timestamp), arg_min(value, timestamp), max(timestamp), arg_max(value, timestamp)
    FROM trading_metrics GROUP BY metric_name, symbol, time_bucket(INTERVAL '60000000 microseconds', timestamp) ORDER BY 4;
INSERT INTO metric_rollup_1h
    SELECT metric_name, COALESCE(symbol, ''), symbol IS NOT NULL, time_bucket(INTERVAL '3600000000 microseconds', timestamp), count(*), sum(value),
        min(value), max(value), min(timestamp), arg_min(value, timestamp), max(timestamp), arg_max(value, timestamp)
    FROM trading_metrics GROUP BY metric_name, symbol, time_bucket(INTERVAL '3600000000 microseconds', timestamp) ORDER BY 4;
INSERT INTO metric_rollup_levels VALUES ('1m', now()), ('1h', now());
