package io.tradingmetrics.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.tradingmetrics.cli.DemoTestData.END;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigErrorsTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownStoreTypeInTheConfigFileIsTheConfigError() throws IOException {
        Path conf = Files.writeString(dir.resolve("metrics.conf"), "# rollback target\nmetrics.store.type = timescle\n");

        CliRun run = CliRun.run(END, "stats", "--config", conf.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("metrics: metrics.store.type = \"timescle\" (" + conf + ": 2)")
                .contains("duckdb", "timescale").contains("did you mean \"timescale\"?");
    }

    @Test
    void aMistypedKeyInTheConfigFileNamesKeyLineAndSuggestion() throws IOException {
        Path conf = Files.writeString(dir.resolve("metrics.conf"), "metrics.store.duckdb {\n  pth = x.duckdb\n}\n");

        CliRun run = CliRun.run(END, "stats", "--config", conf.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.errLines()).containsExactly("metrics: unknown key metrics.store.duckdb.pth (" + conf + ": 2);"
                + " valid keys under metrics.store.duckdb: max-buckets, memory-limit, migrate-on-start, path, read-only,"
                + " rollups, threads, write-id-retention;"
                + " did you mean 'path'?");
    }

    @Test
    void theConfigFileChoosesTheDuckDbFile() throws IOException {
        Path file = dir.resolve("from-config.duckdb");
        Path conf = Files.writeString(dir.resolve("metrics.conf"), "metrics.store.duckdb.path = \"" + file + "\"\n");

        CliRun create = CliRun.run(END, "schema", "migrate", "--config", conf.toString());
        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(file).exists();

        CliRun run = CliRun.run(END, "stats", "--config", conf.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Table stats of duckdb " + file);
    }

    @Test
    void aMissingConfigFileSaysSo() {
        CliRun run = CliRun.run(END, "stats", "--config", dir.resolve("nope.conf").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.errLines()).singleElement().asString().contains("nope.conf does not exist");
    }

    @Test
    void anUnknownUrlSchemeListsTheAcceptedOnesAndHidesThePassword() {
        CliRun mysql = CliRun.run(END, "stats", "--store", "jdbc:mysql://db/metrics?password=hunter2");
        // Port 1 on loopback refuses at once: the error must still not show the password.
        CliRun postgres = CliRun.run(END, "stats", "--store", "jdbc:postgresql://trader:hunter2@127.0.0.1:1/metrics");

        assertThat(mysql.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(mysql.errLines()).singleElement().asString()
                .startsWith("metrics: no store on the classpath takes the URL jdbc:mysql://db/metrics?password=<redacted>;")
                .contains("jdbc:duckdb:", "jdbc:postgresql:").doesNotContain("hunter2");
        assertThat(postgres.exitCode()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(postgres.errLines()).singleElement().asString().doesNotContain("hunter2");
    }

    @Test
    void usageErrorsAndFailuresAreOneLineWithoutStackTraceUnlessVerbose() throws IOException {
        Path conf = Files.writeString(dir.resolve("bad.conf"), "metrics.store.type = nosuchstore\n");

        CliRun quiet = CliRun.run(END, "stats", "--config", conf.toString());
        CliRun verbose = CliRun.run(END, "stats", "--verbose", "--config", conf.toString());
        CliRun unknownCommand = CliRun.run(END, "exprot");

        assertThat(quiet.errLines()).hasSize(1);
        assertThat(verbose.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(verbose.err()).contains("StoreConfigProblemsException", "\tat ");
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        assertThat(unknownCommand.errLines()).containsExactly("metrics: unknown command 'exprot'; commands: demo, stats, serve,"
                + " retention, query, schema, migrate, verify, catch-up, export, import, help; did you mean export? (see 'metrics --help')");
        assertThat(CliRun.run(END, "stats", "--verbos").errLines()).containsExactly(
                "metrics: unknown option '--verbos'; did you mean --verbose? (see 'metrics stats --help')");
    }

    @Test
    void aNearMissOfTheConfigPrefixIsRefusedRatherThanFallingBackToTheDefaultStore() throws IOException {
        Path conf = Files.writeString(dir.resolve("typo.conf"), "metrics.store.duckdb.path = \"" + dir.resolve("x.duckdb")
                + "\"\nmetric.store.type = timescale\n");

        CliRun run = CliRun.run(END, "stats", "--config", conf.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.errLines()).containsExactly("metrics: unknown top-level key metric (" + conf + ": 2); the store"
                + " is configured under metrics.store; did you mean 'metrics'?");
        assertThat(dir.resolve("x.duckdb")).doesNotExist();

        Path stor = Files.writeString(dir.resolve("stor.conf"), "metrics.stor.type = timescale\n");
        assertThat(CliRun.run(END, "stats", "--config", stor.toString()).errLines()).containsExactly(
                "metrics: unknown key metrics.stor (" + stor + ": 1); valid keys under metrics: maintenance, server, store, writer; did you mean"
                        + " 'store'?");
    }
}
