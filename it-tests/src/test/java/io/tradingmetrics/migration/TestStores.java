package io.tradingmetrics.migration;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;

/** Real stores for the migration tests, found the way applications find them: by factory name. */
final class TestStores {
    private TestStores() {}

    static MetricsStoreFactory factory(String name) {
        for (MetricsStoreFactory factory : ServiceLoader.load(MetricsStoreFactory.class)) {
            if (factory.name().equals(name)) {
                return factory;
            }
        }
        throw new AssertionError("no store named " + name + " on the class path");
    }

    static MetricsStore duckDb(Path file) {
        return factory("duckdb").create(ConfigFactory.parseMap(Map.of("path", file.toAbsolutePath().toString())));
    }

    static String duckDbId(Path file) {
        return "jdbc:duckdb:" + file.toAbsolutePath();
    }

    /**
     * @return the URL of the TimescaleDB test server
     * @throws AssertionError when it is not set: these tests fail rather than skip
     */
    static String timescaleUrl() {
        String url = System.getenv("METRICS_IT_TIMESCALE_URL");
        if (url == null || url.isBlank()) {
            throw new AssertionError("METRICS_IT_TIMESCALE_URL is not set: start a server with "
                    + "METRICS_TESTDB_STATE=/tmp/metrics-testdb-$USER scripts/test-db.sh start, then "
                    + "source the env file it prints (or run the tests through scripts/test.sh)");
        }
        return url;
    }

    /** @return a schema name of its own for one test, dropped by {@link #dropSchema} */
    static String newSchema() {
        return "mig_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    static MetricsStore timescale(String schema) {
        return factory("timescale").create(ConfigFactory.parseMap(Map.of("url", timescaleUrl(), "schema", schema)));
    }

    static String timescaleId(String schema) {
        return timescaleUrl() + "#schema=" + schema;
    }

    static void dropSchema(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(timescaleUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }

    /** Opens a store from a spec: {@code duckdb:PATH} or {@code timescale:SCHEMA}. */
    static MetricsStore open(String spec) {
        if (spec.startsWith("duckdb:")) {
            return duckDb(Path.of(spec.substring("duckdb:".length())));
        }
        return timescale(spec.substring("timescale:".length()));
    }

    static String id(String spec) {
        return spec.startsWith("duckdb:") ? duckDbId(Path.of(spec.substring("duckdb:".length())))
                : timescaleId(spec.substring("timescale:".length()));
    }
}
