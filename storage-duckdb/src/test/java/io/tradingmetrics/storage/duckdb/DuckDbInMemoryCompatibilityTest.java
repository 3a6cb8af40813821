package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.tck.MetricsStoreCompatibilityKit;
import io.tradingmetrics.storage.api.MetricsStore;
import org.junit.jupiter.api.DisplayName;

import java.util.Map;

@DisplayName("DuckDB store in memory")
class DuckDbInMemoryCompatibilityTest extends MetricsStoreCompatibilityKit {

    @Override
    protected MetricsStore createStore() {
        // Every ":memory:" store is a database of its own, so each one starts empty.
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", ":memory:")));
    }
}
