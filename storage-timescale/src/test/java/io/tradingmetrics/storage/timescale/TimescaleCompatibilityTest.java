package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import org.junit.jupiter.api.DisplayName;

@DisplayName("TimescaleDB store on PostgreSQL with TimescaleDB (hypertables, time_bucket, first/last)")
class TimescaleCompatibilityTest extends PostgresCompatibilityKit {
    TimescaleCompatibilityTest() {
        super(PostgresTestServer.TIMESCALE, "required", true);
    }
}
