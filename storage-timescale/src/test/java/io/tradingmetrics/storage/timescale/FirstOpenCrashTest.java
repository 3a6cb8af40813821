package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.jdbc.KillPoints;
import io.tradingmetrics.storage.tck.support.HaltPoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first open on a new schema of a plain PostgreSQL server, killed at each step at which it may make something
 * durable: the store opens normally afterwards and the schema holds the whole current version.
 */
class FirstOpenCrashTest {
    private final List<TestServer> servers = new ArrayList<>();

    @AfterEach
    void dropSchemas() throws Exception {
        for (TestServer server : servers) {
            server.close();
        }
    }

    @Test
    void aFirstOpenKilledAtAnyStepLeavesASchemaThatOpens() throws Exception {
        List<String> halted = HaltPoints.haltAtEach(KillPoints.PROPERTY, KillPoints.HALT_STATUS,
                new HaltPoints.Experiment() {
                    @Override
                    public List<String> childCommand() {
                        TestServer server = TestServer.of(TestServer.POSTGRES);
                        servers.add(server);
                        return List.of(FirstOpenMain.class.getName(), server.url(), server.schema());
                    }

                    @Override
                    public void checkAfterHalt(String point) {
                        assertOpensWithTheWholeSchema(servers.get(servers.size() - 1), point);
                    }
                });

        // The schema with the history table, then each script with its history row.
        assertThat(halted).hasSizeGreaterThanOrEqualTo(3);
    }

    private static void assertOpensWithTheWholeSchema(TestServer server, String point) {
        try (TimescaleMetricsStore store = TimescaleMetricsStore.open(server.settings())) {
            SchemaInfo schema = store.schemaInfo();
            assertThat(schema.currentVersion()).as("schema version after a halt %s", point)
                    .isEqualTo(schema.latestVersion());
            assertThat(String.join("\n", schema.history())).as("history after a halt %s", point)
                    .contains("1 create tables (SQL): Success");
            store.insertMetric(MetricPoint.of(Instant.parse("2024-01-01T00:00:00Z"), "price", 1, "BTC"));
            for (StoreTable table : StoreTable.values()) {
                assertThat(store.count(table, TimeRange.all())).as("%s after a halt %s", table, point)
                        .isEqualTo(table == StoreTable.TRADING_METRICS ? 1 : 0);
            }
        }
    }
}
