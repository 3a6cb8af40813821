/**
 * The PostgreSQL test servers every test tree shares: {@link io.tradingmetrics.storage.tck.postgres.PostgresTestServer}
 * names the two servers that {@code scripts/test-db.sh} starts (TimescaleDB, plain PostgreSQL) and hands out fresh
 * schemas on them ({@link io.tradingmetrics.storage.tck.postgres.TestSchema}); {@link
 * io.tradingmetrics.storage.tck.postgres.LocalServer} stops, starts, freezes and thaws such a server for the
 * reliability tests.
 *
 * <p>Plain JDBC through {@link java.sql.DriverManager}: the module that runs the tests brings the driver, and nothing
 * here names a store, so the store modules, the CLI, migration and the benchmarks can all use it without a cycle.
 * A missing server is never a silent skip: the lookup fails and says to run the tests through {@code scripts/test.sh}.
 */
package io.tradingmetrics.storage.tck.postgres;
