package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.tck.MetricsStoreCompatibilityKit;
import io.tradingmetrics.storage.api.MetricsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

import java.sql.SQLException;
import java.util.Map;

@DisplayName("TimescaleDB store on plain PostgreSQL (portable SQL, plain tables)")
class PlainPostgresCompatibilityTest extends MetricsStoreCompatibilityKit {
    private final PostgresSchemas schemas = new PostgresSchemas("METRICS_IT_POSTGRES_URL",
            Map.of("timescaledb", "auto"));

    @Override
    protected MetricsStore createStore() {
        return schemas.newStore();
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        schemas.dropAll();
    }
}
