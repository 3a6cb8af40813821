package io.tradingmetrics.cli;

import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.tck.postgres.TestSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.tradingmetrics.cli.DemoTestData.END;
import static io.tradingmetrics.cli.DemoTestData.url;
import static org.assertj.core.api.Assertions.assertThat;

/** Reads and dry runs leave a PostgreSQL database's catalogue exactly as it was (issue 9, item 1). */
class ReadsNeverWritePostgresTest {
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
