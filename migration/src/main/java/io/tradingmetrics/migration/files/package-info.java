/**
 * Backups and imports: {@link io.tradingmetrics.migration.files.StoreExporter} writes one file per table
 * (Parquet through {@link io.tradingmetrics.migration.parquet}, or CSV through
 * {@link io.tradingmetrics.migration.csv}) and {@code manifest.json} with each file's row count and checksum; {@link io.tradingmetrics.migration.files.StoreImporter} reads such files, and
 * the CSV that {@code psql \copy ... CSV HEADER} and pandas {@code to_csv} write of the older system's tables, into
 * any store. Both stream with bounded memory.
 *
 * <p>Import policy: every row of every file is read and checked into a staging DuckDB file (in the state directory)
 * before anything is written to the target, so a bad row stops the import with a
 * {@link io.tradingmetrics.migration.files.BadImportRowException} naming file, line and column and nothing
 * imported; keyed tables must not repeat a key. The checked rows are then copied by an ordinary migration: into a
 * target without rows in the tables and range (or with append), checkpointed, resumed by running the same import
 * again.
 */
package io.tradingmetrics.migration.files;
