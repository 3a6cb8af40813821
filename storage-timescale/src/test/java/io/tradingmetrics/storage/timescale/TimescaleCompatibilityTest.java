package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.tck.MetricsStoreCompatibilityKit;
import io.tradingmetrics.storage.api.MetricsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

import java.sql.SQLException;
import java.util.Map;

@DisplayName("TimescaleDB store on PostgreSQL with TimescaleDB (hypertables, time_bucket, first/last)")
class TimescaleCompatibilityTest extends MetricsStoreCompatibilityKit {
    private final PostgresSchemas schemas = new PostgresSchemas("METRICS_IT_TIMESCALE_URL",
            Map.of("timescaledb", "required"));

    @Override
    protected MetricsStore createStore() {
        return schemas.newStore();
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        schemas.dropAll();
    }
}
