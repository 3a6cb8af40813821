/**
 * The JDBC code both SQL stores share: every {@link io.tradingmetrics.storage.api.MetricsStore} operation written
 * once in {@link io.tradingmetrics.storage.jdbc.JdbcMetricsStore}, on top of a few seams that each backend fills.
 *
 * <h2>What a backend supplies</h2>
 * <ul>
 *   <li>{@link io.tradingmetrics.storage.jdbc.ConnectionSource}: borrow/give back connections in auto-commit mode
 *       with a UTC session (DuckDB: duplicates of one connection; PostgreSQL: a HikariCP pool, where
 *       {@code giveBack} is {@code close}).</li>
 *   <li>{@link io.tradingmetrics.storage.jdbc.SqlDialect}: the SQL that differs (time bucket, ordered first/last,
 *       percentile, label matching, the latest-per-series query, text ordering, transaction start, engine version,
 *       table size, maintenance).</li>
 *   <li>{@link io.tradingmetrics.storage.jdbc.BulkWriter}: the native bulk path (Appender, COPY) called inside a
 *       transaction the base opens and commits; for upserts it only loads the rows into the staging table that the
 *       base created, and the base merges them. Column lists come from
 *       {@link io.tradingmetrics.storage.jdbc.TableColumns}.</li>
 *   <li>{@link io.tradingmetrics.storage.jdbc.SqlErrorTranslator} (optionally subclassed): SQLException to the
 *       storage-api exceptions; SQLSTATE-based by default.</li>
 *   <li>Flyway scripts in the backend's module, run by {@link io.tradingmetrics.storage.jdbc.FlywaySchemaManager}:
 *       version 1 is the older system's schema exactly (so its databases are adopted by a baseline at 1), later
 *       versions upgrade it.</li>
 *   <li>A subclass of {@code JdbcMetricsStore} that names the backend, opens the pieces, and may add
 *       {@code healthDetails}, {@code ensureWritable} or {@code deleteRows} (for example retention through the
 *       engine's own partition dropping); the public operations are final, so that no backend skips their checks.</li>
 * </ul>
 *
 * <h2>Rules the shared code keeps</h2>
 * Every user value is a bound parameter ({@link io.tradingmetrics.storage.jdbc.SqlBuilder}); instants travel as UTC
 * {@code OffsetDateTime}s ({@link io.tradingmetrics.storage.jdbc.JdbcValues}); labels are JSON text written and read
 * with jackson's streaming API ({@link io.tradingmetrics.storage.jdbc.LabelsJson}); gap filling and volume rounding
 * happen in Java so that every engine returns the same results; a write batch is validated before the database is
 * touched and runs in one transaction, retried when it loses a race with a concurrent one; every write transaction
 * records its {@link io.tradingmetrics.storage.api.WriteId} ({@link io.tradingmetrics.storage.jdbc.WriteLog}), so that
 * a commit whose outcome is unknown is resolved before it is reported.
 */
package io.tradingmetrics.storage.jdbc;
