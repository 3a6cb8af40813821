package io.tradingmetrics.storage.tck.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A schema of one test's own on a test server, so that tests never see each other's rows; {@link #close()} drops it
 * with everything in it. The schema itself is created by whoever first uses it (a store creates its schema).
 */
public final class TestSchema implements AutoCloseable {
    private final PostgresTestServer server;
    private final String url;
    private final String schema;

    TestSchema(PostgresTestServer server, String url, String schema) {
        this.server = requireNonNull(server, "server is null");
        this.url = requireNonNull(url, "url is null");
        this.schema = requireNonNull(schema, "schema is null");
    }

    public PostgresTestServer server() {
        return server;
    }

    public String url() {
        return url;
    }

    public String schema() {
        return schema;
    }

    /**
     * @param keysAndValues extra store settings as key, value, key, value...; a key given here replaces
     *                      {@code url} or {@code schema}
     * @return a store's settings for this server and schema (the block under {@code metrics.store.timescale}), as
     *         {@code ConfigFactory.parseMap} takes them
     */
    public Map<String, Object> settings(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in key, value pairs: " + keysAndValues.length + " given");
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put("url", url);
        settings.put("schema", schema);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return settings;
    }

    /** @return a new connection outside any store, in UTC, with this schema first on the search path */
    public Connection admin() throws SQLException {
        Connection connection = server.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + PostgresTestServer.quote(schema) + ", public");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Runs statements, in order, on a fresh admin connection. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Drops the schema and everything in it; harmless when it was never created or is dropped already. */
    @Override
    public void close() throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            // A store's connection that the server has not yet seen go away may still hold a lock for a moment.
            statement.execute("SET lock_timeout = '30s'");
            statement.execute("DROP SCHEMA IF EXISTS " + PostgresTestServer.quote(schema) + " CASCADE");
        }
    }
}
