package io.tradingmetrics.reliability;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;

import java.nio.file.Path;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The stores the reliability tests attack, opened as an application opens them (factory by name, a config block):
 * a DuckDB file, or a schema of its own on the TimescaleDB test server. A spec ({@code duckdb:PATH} or
 * {@code timescale:SCHEMA}) names one across JVMs, for the child processes.
 */
final class ReliabilityStores {
    private ReliabilityStores() {}

    static MetricsStore open(String spec, Object... extraSettings) {
        Map<String, Object> settings = new HashMap<>();
        for (int i = 0; i < extraSettings.length; i += 2) {
            settings.put((String) extraSettings[i], extraSettings[i + 1]);
        }
        if (spec.startsWith("duckdb:")) {
            settings.put("path", Path.of(spec.substring("duckdb:".length())).toAbsolutePath().toString());
            return factory("duckdb").create(ConfigFactory.parseMap(settings));
        }
        settings.putIfAbsent("url", timescaleUrl());
        settings.put("schema", spec.substring("timescale:".length()));
        return factory("timescale").create(ConfigFactory.parseMap(settings));
    }

    private static MetricsStoreFactory factory(String name) {
        for (MetricsStoreFactory factory : ServiceLoader.load(MetricsStoreFactory.class)) {
            if (factory.name().equals(name)) {
                return factory;
            }
        }
        throw new AssertionError("no store named " + name + " on the class path");
    }

    /** @return the TimescaleDB test server's URL (the shared fixture fails, never skips, without one) */
    static String timescaleUrl() {
        return PostgresTestServer.TIMESCALE.url();
    }

    static String newTimescaleSpec() {
        return "timescale:" + PostgresTestServer.newSchemaName();
    }

    /** Drops the schema of a {@code timescale:} spec; nothing for a DuckDB file (the test's temporary folder). */
    static void drop(String spec) throws SQLException {
        if (spec.startsWith("timescale:")) {
            PostgresTestServer.TIMESCALE.schema(spec.substring("timescale:".length())).close();
        }
    }
}
