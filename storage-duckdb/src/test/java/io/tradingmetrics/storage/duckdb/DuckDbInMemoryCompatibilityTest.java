package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.tck.MetricsStoreCompatibilityKit;
import io.tradingmetrics.storage.tck.StoreCapability;
import io.tradingmetrics.storage.api.MetricsStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import io.tradingmetrics.storage.jdbc.JdbcMetricsStore;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("DuckDB store in memory")
class DuckDbInMemoryCompatibilityTest extends MetricsStoreCompatibilityKit {

    @Override
    protected MetricsStore createStore() {
        // Every ":memory:" store is a database of its own, so each one starts empty.
        // Rollups on (they are off by default), so that every contract runs against them too. The default density:
        // the kit's points are too sparse for the 1m level, which goes dormant under the late points, deletes and
        // retention (the file kit reads every level instead).
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", ":memory:",
                "rollups.enabled", true)));
    }

    @Override
    protected MetricsStore createStoreWithoutRollups() {
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", ":memory:",
                "rollups.enabled", false)));
    }

    /** An in-memory database ends with its store: opening ":memory:" again gives a new, empty one. */
    @Override
    protected MetricsStore reopenStore() {
        return createStore();
    }

    @Override
    protected Set<StoreCapability> capabilities() {
        return StoreCapability.allExcept(StoreCapability.PERSISTENT);
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
