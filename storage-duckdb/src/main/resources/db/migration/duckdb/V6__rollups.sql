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

-- No level is built here: rollups are off by default (they cost ingest), and a store configured with rollups
-- builds its levels from the points already stored when it next opens for writing (see Rollups.openForWriting).
