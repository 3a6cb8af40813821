package io.tradingmetrics.migration;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreFactory;

import java.nio.file.Path;
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
}
