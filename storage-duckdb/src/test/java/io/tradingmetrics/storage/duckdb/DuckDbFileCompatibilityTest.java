package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.tck.MetricsStoreCompatibilityKit;
import io.tradingmetrics.storage.api.MetricsStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

@DisplayName("DuckDB store in a file")
class DuckDbFileCompatibilityTest extends MetricsStoreCompatibilityKit {
    private static final AtomicInteger STORES = new AtomicInteger();

    @TempDir
    Path folder;

    @Override
    protected MetricsStore createStore() {
        // A new file each time, so that each store starts empty however JUnit scopes the folder.
        Path file = folder.resolve("metrics-" + STORES.incrementAndGet() + ".duckdb");
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", file.toString())));
    }
}
