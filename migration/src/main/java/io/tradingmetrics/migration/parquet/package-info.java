/**
 * Parquet files and the staging area of imports, both on an embedded DuckDB used as an engine, never as a store.
 * The only package that uses {@code duckdb_jdbc}, an optional dependency of the migration module:
 * {@link io.tradingmetrics.migration.parquet.DuckDbEngine#require} says which module to add when it is missing.
 */
package io.tradingmetrics.migration.parquet;
