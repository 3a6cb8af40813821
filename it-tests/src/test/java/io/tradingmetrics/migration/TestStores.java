package io.tradingmetrics.migration;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.ServiceLoader;

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

    /** @return the URL of the TimescaleDB test server; fails (never skips) when it is not set */
    static String timescaleUrl() {
        return PostgresTestServer.TIMESCALE.url();
    }

    /** @return a schema name of its own for one test, dropped by {@link #dropSchema} */
    static String newSchema() {
        return PostgresTestServer.newSchemaName();
    }

    static MetricsStore timescale(String schema) {
        return factory("timescale").create(ConfigFactory.parseMap(PostgresTestServer.TIMESCALE.schema(schema).settings()));
    }

    static String timescaleId(String schema) {
        return timescaleUrl() + "#schema=" + schema;
    }

    static void dropSchema(String schema) throws SQLException {
        PostgresTestServer.TIMESCALE.schema(schema).close();
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
