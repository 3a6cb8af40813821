/**
 * The TimescaleDB / PostgreSQL store ({@code metrics.store.type = timescale}): the shared JDBC store of
 * {@code storage-jdbc} with PostgreSQL's dialect, a binary COPY bulk path, a HikariCP pool and Flyway scripts in
 * {@code db/migration/timescale}. With TimescaleDB (mode {@code auto} or {@code required}) the tables are hypertables
 * and queries use {@code time_bucket} and {@code first}/{@code last}; without it (plain PostgreSQL, or mode
 * {@code off}) the same results come from portable SQL. No type here is null unless its documentation says so.
 */
package io.tradingmetrics.storage.timescale;
