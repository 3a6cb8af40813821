package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.jdbc.KillPoints;
import io.tradingmetrics.storage.tck.support.HaltPoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new file's first open killed at each step at which it may make something durable: the file opens normally
 * afterwards and holds the whole current schema.
 */
class FirstOpenCrashTest {
    @TempDir
    Path folder;

    private Path file;
    private int runs;

    @Test
    void aFirstOpenKilledAtAnyStepLeavesAFileThatOpens() throws Exception {
        List<String> halted = HaltPoints.haltAtEach(KillPoints.PROPERTY, KillPoints.HALT_STATUS,
                new HaltPoints.Experiment() {
                    @Override
                    public List<String> childCommand() {
                        file = folder.resolve("first-open-" + (++runs) + ".duckdb");
                        return List.of(FirstOpenMain.class.getName(), file.toString());
                    }

                    @Override
                    public void checkAfterHalt(String point) {
                        assertOpensWithTheWholeSchema(file, point);
                    }
                });

        // The history table, then each script with its history row: at least three durable steps.
        assertThat(halted).hasSizeGreaterThanOrEqualTo(3);
    }

    /** What an older version left when killed between the tables of version 1 and their history row. */
    @Test
    void aFileBrickedByAnOlderVersionsInterruptedFirstOpenIsRecovered() throws Exception {
        Path bricked = folder.resolve("bricked.duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + bricked);
             Statement statement = connection.createStatement()) {
            statement.execute(LegacyAdoptionTest.LEGACY_DDL);
            statement.execute("CREATE TABLE flyway_schema_history (installed_rank INTEGER NOT NULL, version VARCHAR,"
                    + " description VARCHAR NOT NULL, type VARCHAR NOT NULL, script VARCHAR NOT NULL, checksum INTEGER,"
                    + " installed_by VARCHAR NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(),"
                    + " execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)");
        }

        assertOpensWithTheWholeSchema(bricked, "an older version's interrupted first open", "1 schema version 1"
                + " found without its history row (an interrupted first open) (BASELINE): Baseline");
    }

    private static void assertOpensWithTheWholeSchema(Path file, String point) {
        assertOpensWithTheWholeSchema(file, point, "1 legacy schema (SQL): Success");
    }

    private static void assertOpensWithTheWholeSchema(Path file, String point, String firstHistoryLine) {
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            SchemaInfo schema = store.schemaInfo();
            assertThat(schema.currentVersion()).as("schema version after a halt at %s", point)
                    .isEqualTo(schema.latestVersion());
            assertThat(schema.history()).as("history after a halt at %s", point).first().asString()
                    .startsWith(firstHistoryLine);
            store.insertMetric(MetricPoint.of(Instant.parse("2024-01-01T00:00:00Z"), "price", 1, "BTC"));
            for (StoreTable table : StoreTable.values()) {
                assertThat(store.count(table, TimeRange.all())).as("%s after a halt at %s", table, point)
                        .isEqualTo(table == StoreTable.TRADING_METRICS ? 1 : 0);
            }
        }
    }
}
