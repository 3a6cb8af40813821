package io.tradingmetrics.storage.tck.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL server for tests, found through the environment that {@code scripts/test-db.sh start} writes
 * ({@code source $METRICS_TESTDB_STATE/env}); {@code scripts/test.sh} and CI start both servers before the build.
 */
public enum PostgresTestServer {
    /** PostgreSQL 17 with TimescaleDB (Apache-2 edition). */
    TIMESCALE("METRICS_IT_TIMESCALE_URL", "timescale"),
    /** PostgreSQL 15 without TimescaleDB. */
    POSTGRES("METRICS_IT_POSTGRES_URL", "postgres");

    private final String variable;
    private final String stateName;

    PostgresTestServer(String variable, String stateName) {
        this.variable = variable;
        this.stateName = stateName;
    }

    /** @return the environment variable holding the server's JDBC URL */
    public String variable() {
        return variable;
    }

    /** @return the server's name in {@code scripts/test-db.sh}'s state directory */
    String stateName() {
        return stateName;
    }

    /**
     * @return the server's JDBC URL ({@code jdbc:postgresql://127.0.0.1:PORT/metrics_it?user=postgres})
     * @throws IllegalStateException when the variable is not set: a test without its server fails, never skips
     */
    public String url() {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run the tests through scripts/test.sh, or start"
                    + " the servers with METRICS_TESTDB_STATE=/tmp/metrics-testdb-$USER scripts/test-db.sh start and"
                    + " source the env file it writes (export " + variable
                    + "=jdbc:postgresql://127.0.0.1:PORT/metrics_it?user=postgres)");
        }
        return url;
    }

    /** @return a new schema name of this test's own, not yet created ({@code it_<random hex>}) */
    public static String newSchemaName() {
        return "it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE).toLowerCase(Locale.ROOT);
    }

    /** @return a fresh schema name on this server, dropped (if a store created it) when the result is closed */
    public TestSchema newSchema() {
        return schema(newSchemaName());
    }

    /**
     * @param name a schema name, for example one a child JVM was given
     * @return that schema on this server, dropped (if it exists) when the result is closed
     */
    public TestSchema schema(String name) {
        return new TestSchema(this, url(), name);
    }

    /** @return a new connection outside any store, in UTC */
    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url());
        try (var statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * @return the local server process behind this URL, to stop, start or freeze it
     * @throws IllegalStateException when {@code $METRICS_TESTDB_STATE} does not describe a running server
     */
    public LocalServer local() {
        return LocalServer.of(this);
    }

    /** @return the identifier quoted for SQL, whatever it contains */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
