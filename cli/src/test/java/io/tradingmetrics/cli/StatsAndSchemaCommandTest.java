package io.tradingmetrics.cli;

import io.tradingmetrics.cli.output.Cells;
import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.TableStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.tradingmetrics.cli.DemoTestData.END;
import static io.tradingmetrics.cli.DemoTestData.url;
import static org.assertj.core.api.Assertions.assertThat;

class StatsAndSchemaCommandTest {
    @TempDir
    Path dir;

    @Test
    void statsPrintsEveryTableAndTheHealth() {
        Path file = dir.resolve("stats.duckdb");
        assertThat(DemoTestData.demo(file, "--no-queries").exitCode()).isZero();

        CliRun run = CliRun.run(END, "stats", "--store", url(file));

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<TableStats> stats;
        try (MetricsStore store = MetricsStores.open(url(file))) {
            stats = store.stats();
        }
        for (TableStats table : stats) {
            assertThat(run.outLines()).anySatisfy(line -> assertThat(DemoCommandTest.columns(line)).containsExactly(
                    table.table().tableName(), Cells.count(table.rowCount()),
                    table.minTimestamp().orElseThrow().toString(), table.maxTimestamp().orElseThrow().toString(),
                    Cells.bytes(table.bytesOnDisk().orElseThrow())));
        }
        assertThat(run.outLines()).last().asString().startsWith("health: ok (duckdb) ");
    }

    @Test
    void schemaValidateOnAnUpToDateStoreExitsZero() {
        Path file = dir.resolve("schema.duckdb");
        CliRun migrate = CliRun.run(END, "schema", "migrate", "--store", url(file));
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();

        CliRun validate = CliRun.run(END, "schema", "validate", "--store", url(file));
        CliRun info = CliRun.run(END, "schema", "info", "--store", url(file));

        SchemaInfo schema;
        try (MetricsStore store = MetricsStores.open(url(file))) {
            schema = store.schemaInfo();
        }
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).startsWith("schema is up to date at version " + schema.latestVersion());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.outLines()).contains("current version: " + schema.currentVersion(),
                "latest version:  " + schema.latestVersion(), "up to date:      yes");
        assertThat(info.outLines()).containsSubsequence(schema.history().stream().map(line -> "  " + line).toList());
    }

    @Test
    void schemaValidateAndInfoOnAStoreWithoutSchemaFailWithTheStoresMessage() {
        Path file = dir.resolve("empty.duckdb");

        CliRun validate = CliRun.run(END, "schema", "validate", "--store", url(file));

        assertThat(validate.exitCode()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(validate.errLines()).singleElement().asString().startsWith("metrics: ").contains("does not exist");
        assertThat(file).doesNotExist();
        CliRun info = CliRun.run(END, "schema", "info", "--store", url(file));
        assertThat(info.exitCode()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
    }
}
