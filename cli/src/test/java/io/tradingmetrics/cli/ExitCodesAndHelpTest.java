package io.tradingmetrics.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.tradingmetrics.cli.DemoTestData.END;
import static io.tradingmetrics.cli.DemoTestData.url;
import static org.assertj.core.api.Assertions.assertThat;

/** Exit codes a script can act on, and help that reads whole. */
class ExitCodesAndHelpTest {
    @TempDir
    Path dir;

    private CliRun migrate(String... options) {
        List<String> args = new ArrayList<>(List.of("migrate", "--from", url(dir.resolve("a.duckdb")), "--to",
                url(dir.resolve("b.duckdb")), "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(options));
        return CliRun.run(END, args.toArray(new String[0]));
    }

    private void assertUsageError(CliRun run, String message) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).containsExactly("metrics: " + message);
        try (var files = Files.list(dir)) {
            assertThat(files).as("a refused command line opens no store").isEmpty();
        }
    }

    @Test
    void sizesOutOfRangeAndUnknownTablesAreBadUsage() throws Exception {
        assertUsageError(migrate("--parallel", "0"), "invalid value for option '--parallel': parallelism 0 is out "
                + "of range; give 1 to 64 (see 'metrics migrate --help')");
        assertUsageError(migrate("--batch-size", "-1"), "invalid value for option '--batch-size': batch size -1 is "
                + "out of range; give 1 to 1000000 rows (see 'metrics migrate --help')");
        assertUsageError(migrate("--batch-size", "100", "--chunk-rows", "10"), "invalid value for option "
                + "'--chunk-rows': chunk size 10 is smaller than the batch size 100; give a chunk size of at least "
                + "one batch (see 'metrics migrate --help')");
        assertUsageError(migrate("--tables", "foo"), "Invalid value for option '--tables' (TABLE): unknown table "
                + "'foo'; valid tables: trading_metrics, candles, performance_history (see 'metrics migrate --help')");
        assertUsageError(CliRun.run(END, "verify", "--from", url(dir.resolve("a.duckdb")), "--to",
                url(dir.resolve("b.duckdb")), "--parallel", "65"), "invalid value for option '--parallel': "
                + "parallelism 65 is out of range; give 1 to 64 (see 'metrics verify --help')");
        assertUsageError(CliRun.run(END, "import", "--store", url(dir.resolve("a.duckdb")), "--file",
                dir.resolve("x.csv").toString(), "--batch-size", "0"), "invalid value for option '--batch-size': "
                + "batch size 0 is out of range; give 1 to 1000000 rows (see 'metrics import --help')");
    }

    @Test
    void storeOnMigrateAndVerifyIsRefusedWhereverItIsGiven() throws Exception {
        String store = url(dir.resolve("c.duckdb"));
        assertUsageError(migrate("--store", store), "--store does not apply to 'migrate', which names its two "
                + "stores with --from and --to; leave --store out (see 'metrics migrate --help')");
        assertUsageError(CliRun.run(END, "--store", store, "verify", "--from", url(dir.resolve("a.duckdb")),
                "--to", url(dir.resolve("b.duckdb"))), "--store does not apply to 'verify', which names its two "
                + "stores with --from and --to; leave --store out (see 'metrics verify --help')");
    }

    @Test
    void anInvalidConfigurationAndAnUnreachableStoreHaveTheirOwnCodes() throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "metrics.store.duckdb.threds = 2\n");
        CliRun config = CliRun.run(END, "--config", conf.toString(), "stats");
        assertThat(config.exitCode()).as(config.err()).isEqualTo(ExitCodes.CONFIG);
        assertThat(config.errLines()).singleElement().asString().startsWith("metrics: unknown key "
                + "metrics.store.duckdb.threds");

        CliRun unavailable = CliRun.run(END, "--store", "jdbc:postgresql://127.0.0.1:1/none?user=u", "stats");
        assertThat(unavailable.exitCode()).as(unavailable.err()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(unavailable.errLines()).singleElement().asString().startsWith("metrics: ");
    }

    @Test
    void helpOfANestedCommandIsThatCommandsHelp() {
        CliRun help = CliRun.run(END, "help", "query", "raw");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: metrics query raw ").contains("--metric=NAME");
        assertThat(help.out()).isEqualTo(CliRun.run(END, "query", "raw", "--help").out());

        CliRun unknown = CliRun.run(END, "help", "query", "nope");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).startsWith("metrics: unknown command 'nope'; commands of 'metrics query': raw, "
                + "aggregate, latest, candles");
    }

    @Test
    void everyCommandListGivesWholeSentencesAndEveryHelpTheExitCodes() {
        for (String[] command : List.of(new String[] {"--help"}, new String[] {"query", "--help"},
                new String[] {"schema", "--help"}, new String[] {"migrate", "--help"},
                new String[] {"query", "candles", "--help"})) {
            CliRun help = CliRun.run(END, command);
            assertThat(help.exitCode()).isZero();
            String oneParagraph = help.out().replaceAll("\\s*\\R\\s*", " ");
            assertThat(oneParagraph).as(String.join(" ", command)).contains(ExitCodes.HELP);
            for (String entry : commandList(help.outLines())) {
                assertThat(entry).as(String.join(" ", command)).endsWith(".");
            }
        }
    }

    /** @return each entry of the help's command list, its wrapped lines joined */
    private static List<String> commandList(List<String> lines) {
        List<String> entries = new ArrayList<>();
        int start = lines.indexOf("Commands:");
        if (start < 0) {
            return entries;
        }
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.isBlank()) {
                break;
            }
            if (line.startsWith("    ") && !entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.trim());
            } else {
                entries.add(line.trim());
            }
        }
        return entries;
    }
}
