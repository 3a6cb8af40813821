-- Which store this is: a random id made once, when the schema is created or adopted, and never changed. A database
-- or schema dropped and created again at the same URL gets a new one, so that what refers to a store (a migration's
-- checkpoint) can tell it from the one it replaced. gen_random_uuid() is built into PostgreSQL 13 and later.
CREATE TABLE metrics_store_instance (
    instance_id TEXT        NOT NULL PRIMARY KEY,
    created_at  TIMESTAMPTZ NOT NULL
);
INSERT INTO metrics_store_instance VALUES (gen_random_uuid()::text, now());
