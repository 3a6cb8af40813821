-- The ids of committed writes: every write transaction records its id here, so that a commit whose outcome the
-- store did not learn (a connection lost during COMMIT) can be looked up, and a retry with the same id stores
-- nothing. One row per write call, whatever its size; the store deletes rows older than its write-id retention
-- (a sequential scan every few minutes, cheaper than an index that every write would pay for).
-- A plain table, never a hypertable: it is keyed by id, not by time.
CREATE TABLE store_writes (
    write_id   UUID        NOT NULL PRIMARY KEY,
    written_at TIMESTAMPTZ NOT NULL
);
