package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import org.junit.jupiter.api.DisplayName;

@DisplayName("TimescaleDB store on plain PostgreSQL (portable SQL, plain tables)")
class PlainPostgresCompatibilityTest extends PostgresCompatibilityKit {
    PlainPostgresCompatibilityTest() {
        super(PostgresTestServer.POSTGRES, "auto", false); // the kit's sparse levels go dormant
    }
}
