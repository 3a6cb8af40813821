package io.tradingmetrics.storage.timescale;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real PostgreSQL server for a test, named by an environment variable that {@code scripts/test-db.sh} writes,
 * with a fresh schema of its own ({@code it_<random>}) that {@link #close()} drops.
 */
public final class TestServer implements AutoCloseable {
    /** PostgreSQL with TimescaleDB. */
    public static final String TIMESCALE = "METRICS_IT_TIMESCALE_URL";
    /** PostgreSQL without TimescaleDB. */
    public static final String POSTGRES = "METRICS_IT_POSTGRES_URL";

    private final String url;
    private final String schema;

    private TestServer(String url, String schema) {
        this.url = url;
        this.schema = schema;
    }

    /** @throws IllegalStateException when the variable is not set: tests never skip silently */
    public static TestServer of(String variable) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run the tests through scripts/test.sh, or start"
                    + " the servers with scripts/test-db.sh start and source the env file it writes"
                    + " (export " + variable + "=jdbc:postgresql://127.0.0.1:PORT/metrics_it?user=postgres)");
        }
        return new TestServer(url, "it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                .toLowerCase(Locale.ROOT));
    }

    public String url() {
        return url;
    }

    public String schema() {
        return schema;
    }

    /** @return the store's block selecting this server and schema, with the given extra settings */
    public Config storeConfig(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        values.put("url", url);
        values.put("schema", schema);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ConfigFactory.parseMap(values);
    }

    /** @return the settings of {@link #storeConfig} */
    public TimescaleSettings settings(Object... keysAndValues) {
        return TimescaleSettings.from(storeConfig(keysAndValues));
    }

    /** @return a new connection outside any store, in UTC, with this test's schema on the search path */
    public Connection admin() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'; SET search_path TO " + SqlNames.quote(schema) + ", public");
        }
        return connection;
    }

    /** Runs statements on a fresh admin connection. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Drops the test's schema and everything in it. */
    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + SqlNames.quote(schema) + " CASCADE");
    }
}
