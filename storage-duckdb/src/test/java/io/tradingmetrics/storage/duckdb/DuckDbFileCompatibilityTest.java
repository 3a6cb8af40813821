package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.tck.MetricsStoreCompatibilityKit;
import io.tradingmetrics.storage.api.MetricsStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import io.tradingmetrics.storage.jdbc.JdbcMetricsStore;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("DuckDB store in a file")
class DuckDbFileCompatibilityTest extends MetricsStoreCompatibilityKit {
    private static final AtomicInteger STORES = new AtomicInteger();

    @TempDir
    Path folder;

    private Path file;

    @Override
    protected MetricsStore createStore() {
        // A new file each time, so that each store starts empty however JUnit scopes the folder.
        file = folder.resolve("metrics-" + STORES.incrementAndGet() + ".duckdb");
        return reopenStore();
    }

    @Override
    protected MetricsStore createStoreWithoutRollups() {
        Path raw = folder.resolve("metrics-" + STORES.incrementAndGet() + "-raw.duckdb");
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", raw.toString(),
                "rollups.enabled", false)));
    }

    @Override
    protected MetricsStore reopenStore() {
        // Rollups on (they are off by default), so that every contract runs against them too.
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", file.toString(),
                "rollups.enabled", true,
                "rollups.min-points-per-row", 0))); // read the levels however sparse the kit's points
    }

    /** The kit compares this store with the one without rollups: a comparison of raw with raw would prove nothing. */
    @Test
    void theKitsStoreKeepsRollupsAndTheOtherKeepsNone() {
        try (MetricsStore with = createStore(); MetricsStore without = createStoreWithoutRollups()) {
            assertThat(((JdbcMetricsStore) with).rollupLevels()).isNotEmpty();
            assertThat(((JdbcMetricsStore) without).rollupLevels()).isEmpty();
        }
    }
}
