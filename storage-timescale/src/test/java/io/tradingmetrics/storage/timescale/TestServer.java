package io.tradingmetrics.storage.timescale;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.tck.postgres.TestSchema;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A test's own schema on a real PostgreSQL server (the shared fixture of storage-tck), with this store's settings
 * types on top; {@link #close()} drops the schema.
 */
public final class TestServer implements AutoCloseable {
    /** PostgreSQL with TimescaleDB. */
    public static final PostgresTestServer TIMESCALE = PostgresTestServer.TIMESCALE;
    /** PostgreSQL without TimescaleDB. */
    public static final PostgresTestServer POSTGRES = PostgresTestServer.POSTGRES;

    private final TestSchema schema;

    private TestServer(TestSchema schema) {
        this.schema = schema;
    }

    /** @throws IllegalStateException when the server's variable is not set: tests never skip silently */
    public static TestServer of(PostgresTestServer server) {
        return new TestServer(server.newSchema());
    }

    public String url() {
        return schema.url();
    }

    public String schema() {
        return schema.schema();
    }

    /** @return the store's block selecting this server and schema, with the given extra settings */
    public Config storeConfig(Object... keysAndValues) {
        return ConfigFactory.parseMap(schema.settings(keysAndValues));
    }

    /** @return the settings of {@link #storeConfig} */
    public TimescaleSettings settings(Object... keysAndValues) {
        return TimescaleSettings.from(storeConfig(keysAndValues));
    }

    /** @return a new connection outside any store, in UTC, with this test's schema on the search path */
    public Connection admin() throws SQLException {
        return schema.admin();
    }

    /** Runs statements on a fresh admin connection. */
    public void execute(String... statements) throws SQLException {
        schema.execute(statements);
    }

    /** Drops the test's schema and everything in it. */
    @Override
    public void close() throws SQLException {
        schema.close();
    }
}
