-- Which store this is: a random id made once, when the schema is created or adopted, and never changed. A store
-- deleted and created again at the same path gets a new one, so that what refers to a store (a migration's
-- checkpoint) can tell it from the one it replaced.
CREATE TABLE metrics_store_instance (
    instance_id VARCHAR NOT NULL PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL
);
INSERT INTO metrics_store_instance VALUES (CAST(gen_random_uuid() AS VARCHAR), now());
