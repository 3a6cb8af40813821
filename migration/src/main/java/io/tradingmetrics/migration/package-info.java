/**
 * Copying, verifying and resuming between any two {@link io.tradingmetrics.storage.api.MetricsStore}s, through the
 * SPI only (streams, bulk writes, count, deleteRange, stats), so that a new store needs no migration code.
 *
 * <h2>Use</h2>
 * {@link io.tradingmetrics.migration.StoreMigrator#migrate} copies a {@link io.tradingmetrics.migration.RowSource}
 * (a store through {@link io.tradingmetrics.migration.RowSource#of}, or import files) into a target store as
 * {@link io.tradingmetrics.migration.MigrationOptions} say (tables, time range, batch and chunk sizes, parallelism,
 * dry run, append, verify, state directory) and returns a {@link io.tradingmetrics.migration.MigrationReport};
 * progress goes to a {@link io.tradingmetrics.migration.MigrationListener}.
 * {@link io.tradingmetrics.migration.Verifier} compares two sources. Backups (export and import of Parquet and CSV
 * files) are in {@link io.tradingmetrics.migration.files}.
 *
 * <h2>Packages, top down</h2>
 * {@code files} (export and import) uses this package (the copy engine), {@code parquet} and {@code csv};
 * {@code parquet} (Parquet files and the staging of imports, on an embedded DuckDB: the only package that needs
 * {@code duckdb_jdbc}, an optional dependency) uses this package and {@code csv}; this package uses only {@code csv}
 * (the undo log's file format) and {@code internal}; {@code csv} uses only {@code internal}. So copying and
 * verifying between two stores never loads a DuckDB class.
 *
 * <h2>Chunks and checkpoints</h2>
 * Each table's range is split into chunks of about {@code chunkRows} source rows (by halving time ranges and
 * counting); the chunks tile the range. The checkpoint, {@code <state>/migrate-<hash>.json}, keyed by source id,
 * target id, tables and range, lists every chunk with its state (PENDING, STARTED, DONE) and records the instance
 * ids of both stores ({@link io.tradingmetrics.storage.api.MetricsStore#instanceId()}). It is replaced atomically
 * and durably (temporary file, fsync, rename, fsync of the directory) and guarded by a lock file while a run works.
 * Before a run trusts it, the stores' ids are compared and the target's rows counted in every finished chunk: a
 * target created again at the same place is copied into afresh, a source created again or rows missing from the
 * target are refused (see {@code CheckpointCheck}).
 *
 * <h2>Exactly once</h2>
 * <ol>
 *   <li>A fresh migration refuses a target that holds rows in the tables and range (unless appending), and writes
 *       its checkpoint before it writes any row. So, without append, whatever the target holds in a chunk's range
 *       was written by this migration.</li>
 *   <li>A chunk is recorded DONE only after its last batch was written (every write call of the SPI is atomic and
 *       durable on return), and a DONE chunk is never touched again.</li>
 *   <li>Before a chunk that is not DONE is copied, its range in the target is brought back to what it held before
 *       the migration: without append, cleared (deleteRange over exactly the chunk's range); appending points, the
 *       range is cleared and the rows it held before are written back from an undo file saved (durably, and
 *       recorded as STARTED) before the chunk's first write; appending candles or snapshots needs nothing, since
 *       upserts written again change nothing. Then all the chunk's source rows are written.</li>
 * </ol>
 * Whatever moment a run is killed at, each chunk's range ends holding its source rows once (plus, when appending,
 * what it held before): a DONE chunk by 2, any other chunk by 3 on the next run. A kill between the last write and
 * the checkpoint only costs copying that chunk again. The source must not change while it is copied.
 */
package io.tradingmetrics.migration;
