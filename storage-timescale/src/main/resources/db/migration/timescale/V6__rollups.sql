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

-- No level is built here: rollups are off by default (they cost ingest), and a store configured with rollups
-- builds its levels from the points already stored when it next opens for writing (see Rollups.openForWriting).
