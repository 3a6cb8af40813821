package io.tradingmetrics.cli;

import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.tck.postgres.TestSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static io.tradingmetrics.cli.DemoTestData.END;
import static io.tradingmetrics.cli.DemoTestData.url;
import static org.assertj.core.api.Assertions.assertThat;

/** migrate, verify, export and import from the command line, between real DuckDB files. */
class MigrationCommandsTest {
    @TempDir
    Path dir;
    private Path source;
    private String state;

    @BeforeEach
    void demoSource() {
        source = dir.resolve("source.duckdb");
        state = dir.resolve("state").toString();
        assertThat(DemoTestData.demo(source, "--no-queries").exitCode()).isZero();
    }

    private long rows(Path file, StoreTable table) {
        try (MetricsStore store = MetricsStores.open(url(file))) {
            return store.count(table, TimeRange.all());
        }
    }

    @Test
    void migrateDryRunThenCopyWithVerifyThenRerunCopiesNothing() {
        Path target = dir.resolve("target.duckdb");

        CliRun dryRun = CliRun.run(END, "migrate", "--from", url(source), "--to", url(target), "--state-dir", state,
                "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("dry run, nothing was written").contains("trading_metrics")
                .contains("target schema: version");
        assertThat(rows(target, StoreTable.TRADING_METRICS)).isZero();

        CliRun copy = CliRun.run(END, "migrate", "--from", url(source), "--to", url(target), "--state-dir", state,
                "--verify", "--chunk-rows", "20000", "--batch-size", "5000");
        assertThat(copy.exitCode()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("copied").contains("rows/s").contains("verified: source and target match");
        for (StoreTable table : StoreTable.values()) {
            assertThat(rows(target, table)).isEqualTo(rows(source, table)).isPositive();
        }

        CliRun again = CliRun.run(END, "migrate", "--from", url(source), "--to", url(target), "--state-dir", state,
                "--chunk-rows", "20000", "--batch-size", "5000");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("nothing to copy");
    }

    @Test
    void aTargetDeletedAndCreatedAgainIsCopiedIntoAfreshNotReportedComplete() throws Exception {
        Path target = dir.resolve("target.duckdb");
        CliRun first = CliRun.run(END, "migrate", "--from", url(source), "--to", url(target), "--state-dir", state);
        assertThat(first.exitCode()).as(first.err()).isZero();
        Files.delete(target);
        Files.deleteIfExists(dir.resolve("target.duckdb.wal"));
        try (MetricsStore recreated = MetricsStores.open(url(target))) {
            assertThat(recreated.count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();
        }

        CliRun again = CliRun.run(END, "migrate", "--from", url(source), "--to", url(target), "--state-dir", state);

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("nothing to copy").startsWith("copied ");
        assertThat(again.errLines()).filteredOn(line -> line.contains("deleted and created again")).singleElement()
                .asString().startsWith("the target ").endsWith("; starting this migration afresh");
        for (StoreTable table : StoreTable.values()) {
            assertThat(rows(target, table)).isEqualTo(rows(source, table)).isPositive();
        }
    }

    @Test
    void migrateRefusesANonEmptyTargetAndVerifyExitsOneOnADifference() {
        Path target = dir.resolve("target.duckdb");
        try (MetricsStore store = MetricsStores.open(url(target))) {
            store.insertMetric(MetricPoint.of(Instant.parse("2020-01-01T00:00:00Z"), "stray", 1));
        }

        CliRun refused = CliRun.run(END, "migrate", "--from", url(source), "--to", url(target), "--state-dir", state);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("metrics: the target").contains("already holds rows")
                .contains("--append");

        CliRun appended = CliRun.run(END, "migrate", "--from", url(source), "--to", url(target), "--state-dir", state,
                "--append");
        assertThat(appended.exitCode()).as(appended.err()).isZero();

        CliRun verify = CliRun.run(END, "verify", "--from", url(source), "--to", url(target));
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("MISMATCH").contains("the target has 1 more")
                .contains("only in target: MetricPoint[timestamp=2020-01-01T00:00:00Z, metricName=stray");

        CliRun same = CliRun.run(END, "verify", "--from", url(source), "--to", url(source));
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err()).contains("name the same store");
    }

    @Test
    void exportThenImportGivesAStoreThatVerifiesEqual() {
        Path backup = dir.resolve("backup");
        Path restored = dir.resolve("restored.duckdb");

        CliRun export = CliRun.run(END, "export", "--store", url(source), "--dir", backup.toString(), "--format",
                "csv");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(backup.resolve("trading_metrics.csv")).exists();
        assertThat(backup.resolve("manifest.json")).exists();

        CliRun imported = CliRun.run(END, "import", "--store", url(restored), "--dir", backup.toString(),
                "--state-dir", state, "--verify");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("matches the export manifest").contains("verified");

        CliRun verify = CliRun.run(END, "verify", "--from", url(source), "--to", url(restored));
        assertThat(verify.exitCode()).as(verify.out()).isZero();
    }

    @Test
    void migratesToTimescaleNamedByAConfigFileAndBack() throws Exception {
        try (TestSchema timescale = PostgresTestServer.TIMESCALE.newSchema()) {
            migrateThereAndBack(timescale.url(), timescale.schema());
        }
    }

    @Test
    void migrateAndVerifyTakeThePostgresqlUrisThatStoreTakes() throws Exception {
        try (TestSchema timescale = PostgresTestServer.TIMESCALE.newSchema()) {
            // jdbc:postgresql://HOST:PORT/DB?user=U, as a libpq URI: postgresql://U@HOST:PORT/DB
            java.util.regex.Matcher jdbc = java.util.regex.Pattern
                    .compile("jdbc:postgresql://([^/]+)/([^?]+)\\?user=(\\w+)").matcher(timescale.url());
            assertThat(jdbc.matches()).as(timescale.url()).isTrue();
            String uri = "postgresql://" + jdbc.group(3) + "@" + jdbc.group(1) + "/" + jdbc.group(2);
            Path conf = dir.resolve("schema.conf");
            Files.writeString(conf, "metrics.store.timescale.schema = \"" + timescale.schema() + "\"\n");

            CliRun copy = CliRun.run(END, "--config", conf.toString(), "migrate", "--from", url(source), "--to", uri,
                    "--state-dir", state);
            assertThat(copy.exitCode()).as(copy.err()).isZero();
            CliRun verify = CliRun.run(END, "--config", conf.toString(), "verify", "--from", url(source), "--to",
                    uri);
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.out()).contains("verified: source and target match");
            CliRun stats = CliRun.run(END, "--config", conf.toString(), "--store", uri, "stats");
            assertThat(stats.exitCode()).as(stats.err()).isZero();
            assertThat(stats.out()).contains(String.format("%,d", rows(source, StoreTable.TRADING_METRICS)));
        }
    }

    private void migrateThereAndBack(String url, String schema) throws Exception {
        Path conf = dir.resolve("timescale.conf");
        Files.writeString(conf, "metrics.store.type = timescale\nmetrics.store.timescale {\n  url = \"" + url
                + "\"\n  schema = \"" + schema + "\"\n}\n");
        Path back = dir.resolve("back.duckdb");
        CliRun there = CliRun.run(END, "migrate", "--from", url(source), "--to", conf.toString(), "--state-dir",
                state, "--verify");
        assertThat(there.exitCode()).as(there.err()).isZero();
        assertThat(there.out()).contains("vs timescale postgresql://").contains(" schema " + schema)
                .contains("verified");

        CliRun rollback = CliRun.run(END, "migrate", "--from", conf.toString(), "--to", url(back), "--state-dir",
                state, "--verify");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();

        CliRun verify = CliRun.run(END, "verify", "--from", url(source), "--to", url(back));
        assertThat(verify.exitCode()).as(verify.out()).isZero();
    }

    @Test
    void importNamesTheBadLineAndWritesNothing() throws Exception {
        Path csv = dir.resolve("trading_metrics.csv");
        Files.writeString(csv, "timestamp,metric_name,value\n2024-03-01 12:00:00+00,price,1\n"
                + "2024-03-01 12:00:01+00,price,one\n");
        Path target = dir.resolve("target.duckdb");

        CliRun run = CliRun.run(END, "import", "--store", url(target), "--file", csv.toString(), "--state-dir", state);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("trading_metrics.csv line 3, column value: 'one' is not a number");
        assertThat(rows(target, StoreTable.TRADING_METRICS)).isZero();
    }
}
