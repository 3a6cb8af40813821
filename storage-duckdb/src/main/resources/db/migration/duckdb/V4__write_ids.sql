-- The ids of committed writes: every write transaction records its id here, so that a commit whose outcome the
-- store did not learn (a lost connection, a failed commit) can be looked up, and a retry with the same id stores
-- nothing. One row per write call, whatever its size; the store deletes rows older than its write-id retention.
-- No index on written_at: rows arrive in time order, so DuckDB's zone maps serve the pruning delete.
CREATE TABLE store_writes (
    write_id   UUID        NOT NULL PRIMARY KEY,
    written_at TIMESTAMPTZ NOT NULL
);
