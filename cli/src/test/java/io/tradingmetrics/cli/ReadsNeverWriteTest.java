package io.tradingmetrics.cli;

import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.tck.postgres.TestSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static io.tradingmetrics.cli.DemoTestData.END;
import static io.tradingmetrics.cli.DemoTestData.url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands that read never create, adopt, migrate or lock a DuckDB file for writing, never change a PostgreSQL
 * database's catalogue, and a store that is not there is refused, naming where it was looked for (issue 9, items 1
 * and 2).
 */
class ReadsNeverWriteTest {
    private static final String HINT = " (the commands demo, import and schema migrate create a store; --store or"
            + " --config name another)";

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

    @Test
    void everyReadCommandRefusesAMissingFileNamingItAndCreatesNothing() {
        Path missing = dir.resolve("typo/metrcs.duckdb");
        String store = url(missing);
        String message = "metrics: the DuckDB file " + missing + " does not exist; check the path, or open the store"
                + " for writing to create it" + HINT;
        List<String[]> commands = List.of(
                new String[] {"stats", "--store", store},
                new String[] {"query", "raw", "--store", store, "--metric", "price"},
                new String[] {"query", "latest", "--store", store},
                new String[] {"export", "--store", store, "--dir", dir.resolve("export").toString()},
                new String[] {"schema", "info", "--store", store},
                new String[] {"schema", "validate", "--store", store},
                new String[] {"verify", "--from", store, "--to", url(source)},
                new String[] {"migrate", "--from", store, "--to", url(dir.resolve("target.duckdb")),
                        "--state-dir", state});
        for (String[] command : commands) {
            CliRun run = CliRun.run(END, command);
            assertThat(run.exitCode()).as(String.join(" ", command)).isNotZero();
            assertThat(run.errLines()).as(String.join(" ", command)).containsExactly(message);
        }
        assertThat(missing.getParent()).doesNotExist();
        assertThat(dir.resolve("export")).doesNotExist();
        assertThat(dir.resolve("target.duckdb")).as("the migration's target").doesNotExist();
        assertThat(Path.of(state)).as("no checkpoint").doesNotExist();
    }

    @Test
    void theDefaultRelativeStoreIsResolvedAgainstTheWorkingDirectoryAndSaysSo() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        CliRun run = CliProcess.start(elsewhere, "stats").await();
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.errLines()).containsExactly("metrics: the DuckDB file data/metrics.duckdb ("
                + elsewhere.resolve("data/metrics.duckdb") + ", relative to the working directory " + elsewhere
                + ") does not exist; check the path, or open the store for writing to create it" + HINT);
        assertThat(elsewhere.resolve("data")).doesNotExist();
    }

    @Test
    void dryRunsIntoAMissingFileCreateNothing() {
        Path target = dir.resolve("new/target.duckdb");
        CliRun migrate = CliRun.run(END, "migrate", "--from", url(source), "--to", url(target), "--state-dir", state,
                "--dry-run");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("dry run, nothing was written").contains("trading_metrics");

        Path export = dir.resolve("export");
        assertThat(CliRun.run(END, "export", "--store", url(source), "--dir", export.toString()).exitCode()).isZero();
        CliRun importRun = CliRun.run(END, "import", "--store", url(target), "--dir", export.toString(),
                "--state-dir", state, "--dry-run");
        assertThat(importRun.exitCode()).as(importRun.err()).isZero();
        assertThat(importRun.out()).contains("nothing was written");

        assertThat(target.getParent()).doesNotExist();
    }

    @Test
    void anOlderSystemsFileIsExportedAndShownAsNotAdoptedWithItsBytesUnchanged() throws Exception {
        Path legacy = dir.resolve("legacy.duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + legacy);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE trading_metrics (timestamp TIMESTAMP NOT NULL, metric_name VARCHAR NOT"
                    + " NULL, value DOUBLE NOT NULL, symbol VARCHAR, labels JSON)");
            statement.execute("CREATE TABLE candles (timestamp TIMESTAMP NOT NULL, symbol VARCHAR NOT NULL, open"
                    + " DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL, volume"
                    + " BIGINT NOT NULL, PRIMARY KEY (timestamp, symbol))");
            statement.execute("CREATE TABLE performance_history (timestamp TIMESTAMP NOT NULL PRIMARY KEY,"
                    + " portfolio_value DOUBLE NOT NULL, pnl DOUBLE NOT NULL, sharpe_ratio DOUBLE, max_drawdown"
                    + " DOUBLE, win_rate DOUBLE, total_trades INTEGER)");
            statement.execute("CREATE INDEX idx_metrics_timestamp ON trading_metrics(timestamp)");
            statement.execute("INSERT INTO trading_metrics VALUES ('2025-01-01 10:00:00', 'price', 1.5, 'BTC',"
                    + " '{\"venue\": \"x\"}'), ('2025-01-01 10:00:01', 'price', 2.5, NULL, NULL)");
        }
        byte[] before = Files.readAllBytes(legacy);

        Path export = dir.resolve("backup");
        CliRun run = CliRun.run(END, "export", "--store", url(legacy), "--dir", export.toString(), "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(export.resolve("trading_metrics.csv"))).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("2025-01-01T10:00:00"));

        CliRun info = CliRun.run(END, "schema", "info", "--store", url(legacy));
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.outLines()).contains("current version: not adopted (the older system's schema;"
                + " 'metrics schema migrate' adopts it)", "up to date:      no");

        assertThat(Files.readAllBytes(legacy)).as("the older system's file, byte for byte").isEqualTo(before);
        assertThat(Path.of(legacy + ".wal")).doesNotExist();
    }

    @Test
    void twoExportsOfOneFileRunAtOnceWhileAnotherProcessReadsIt() throws Exception {
        byte[] before = Files.readAllBytes(source);
        try (MetricsStore reader = MetricsStores.open(url(source), OpenMode.READ_ONLY)) {
            CliProcess first = CliProcess.start(dir, "export", "--store", url(source), "--dir", "one");
            CliProcess second = CliProcess.start(dir, "export", "--store", url(source), "--dir", "two");
            CliRun one = first.await();
            CliRun two = second.await();
            assertThat(one.exitCode()).as(one.err()).isZero();
            assertThat(two.exitCode()).as(two.err()).isZero();
            assertThat(reader.stats()).isNotEmpty();
        }
        assertThat(manifestWithoutTime(dir.resolve("one"))).as("the same rows and checksums")
                .isEqualTo(manifestWithoutTime(dir.resolve("two"))).contains("      \"rows\" : 15392,");
        assertThat(Files.readAllBytes(source)).isEqualTo(before);
    }

    private static List<String> manifestWithoutTime(Path export) throws Exception {
        return Files.readAllLines(export.resolve("manifest.json")).stream()
                .filter(line -> !line.contains("\"exported\"")).toList();
    }

    private Path config(TestSchema schema) throws Exception {
        return Files.writeString(dir.resolve("pg.conf"), "metrics.store.type = timescale\nmetrics.store.timescale {\n"
                + "  url = \"" + schema.url() + "\"\n  schema = \"" + schema.schema() + "\"\n}\n");
    }

    @Test
    void dryRunsAndVerifyAgainstAnEmptySchemaCreateNothingThere() throws Exception {
        try (TestSchema empty = PostgresTestServer.TIMESCALE.newSchema()) {
            String target = config(empty).toString();

            CliRun migrate = CliRun.run(END, "migrate", "--from", url(source), "--to", target, "--state-dir", state,
                    "--dry-run");
            assertThat(migrate.exitCode()).as(migrate.err()).isZero();
            assertThat(migrate.out()).contains("dry run, nothing was written");

            Path export = dir.resolve("export");
            assertThat(CliRun.run(END, "export", "--store", url(source), "--dir", export.toString()).exitCode())
                    .isZero();
            CliRun importRun = CliRun.run(END, "import", "--config", target, "--dir", export.toString(),
                    "--state-dir", state, "--dry-run");
            assertThat(importRun.exitCode()).as(importRun.err()).isZero();
            assertThat(importRun.out()).contains("nothing was written");

            CliRun verify = CliRun.run(END, "verify", "--from", url(source), "--to", target);
            assertThat(verify.exitCode()).as("the stores differ: " + verify.err()).isEqualTo(1);

            assertThat(empty.catalogue()).as("no schema, no tables, no flyway_schema_history").isEmpty();
        }
    }

    @Test
    void anOlderSystemsDatabaseIsExportedAndShownAsNotAdoptedWithItsCatalogueUnchanged() throws Exception {
        try (TestSchema legacy = PostgresTestServer.TIMESCALE.newSchema()) {
            legacy.execute("CREATE SCHEMA " + PostgresTestServer.quote(legacy.schema()),
                    "CREATE TABLE trading_metrics (timestamp TIMESTAMPTZ NOT NULL, metric_name TEXT NOT NULL,"
                            + " value DOUBLE PRECISION NOT NULL, symbol TEXT, labels JSONB)",
                    "CREATE TABLE candles (timestamp TIMESTAMPTZ NOT NULL, symbol TEXT NOT NULL, open DOUBLE PRECISION"
                            + " NOT NULL, high DOUBLE PRECISION NOT NULL, low DOUBLE PRECISION NOT NULL, close DOUBLE"
                            + " PRECISION NOT NULL, volume BIGINT NOT NULL, PRIMARY KEY (timestamp, symbol))",
                    "CREATE TABLE performance_history (timestamp TIMESTAMPTZ NOT NULL PRIMARY KEY, portfolio_value"
                            + " DOUBLE PRECISION NOT NULL, pnl DOUBLE PRECISION NOT NULL, sharpe_ratio DOUBLE"
                            + " PRECISION, max_drawdown DOUBLE PRECISION, win_rate DOUBLE PRECISION, total_trades"
                            + " INTEGER)",
                    "SELECT public.create_hypertable('" + legacy.schema() + ".trading_metrics', 'timestamp')",
                    "INSERT INTO trading_metrics VALUES ('2024-01-01 00:00:00+00', 'price', 42000.5, 'BTC',"
                            + " '{\"venue\": \"binance\"}'), ('2024-01-01 00:00:01+00', 'price', 1, NULL, NULL)");
            List<String> before = legacy.catalogue();
            String conf = config(legacy).toString();

            Path export = dir.resolve("backup");
            CliRun run = CliRun.run(END, "export", "--config", conf, "--dir", export.toString(), "--format", "csv");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.readAllLines(export.resolve("trading_metrics.csv"))).hasSize(3);

            CliRun info = CliRun.run(END, "schema", "info", "--config", conf);
            assertThat(info.exitCode()).as(info.err()).isZero();
            assertThat(info.outLines()).contains("current version: not adopted (the older system's schema;"
                    + " 'metrics schema migrate' adopts it)");

            CliRun validate = CliRun.run(END, "schema", "validate", "--config", conf);
            assertThat(validate.exitCode()).isNotZero();
            assertThat(validate.errLines()).singleElement().asString().contains("has not been adopted yet")
                    .endsWith("(run 'metrics schema migrate' to bring the schema up to date)");

            assertThat(legacy.catalogue()).as("tables, indexes, no flyway_schema_history").isEqualTo(before)
                    .contains("r trading_metrics").doesNotContain("r flyway_schema_history");
        }
    }
}
