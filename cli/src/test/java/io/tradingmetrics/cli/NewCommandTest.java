package io.tradingmetrics.cli;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.OpenMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import static io.tradingmetrics.cli.DemoTestData.END;
import static org.assertj.core.api.Assertions.assertThat;

/** A command added later (for example a migration between two stores) is one class extending StoreCommand. */
class NewCommandTest {
    @TempDir
    Path dir;

    @Command(name = "count-both")
    static final class CountBothCommand extends StoreCommand {
        @Option(names = "--target", required = true)
        String target;

        @Override
        public Integer call() {
            try (MetricsStore source = openStore(OpenMode.READ_ONLY);
                 MetricsStore other = StoreSpec.of(target, Optional.empty()).open(OpenMode.MIGRATE)) {
                out().println(source.count(StoreTable.CANDLES, TimeRange.all()) + " "
                        + other.count(StoreTable.CANDLES, TimeRange.all()));
            }
            return 0;
        }
    }

    @Test
    void aNewCommandGetsTheGlobalOptionsAndCanOpenASecondStore() {
        Path source = dir.resolve("source.duckdb");
        assertThat(DemoTestData.demo(source, "--no-queries").exitCode()).isZero();
        StringWriter out = new StringWriter();
        CommandLine commandLine = MetricsCli.commandLine(new MetricsCli(Clock.fixed(END, ZoneOffset.UTC)),
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        commandLine.addSubcommand(new CountBothCommand());

        int exitCode = commandLine.execute("count-both", "--store", DemoTestData.url(source), "--target",
                DemoTestData.url(dir.resolve("target.duckdb")));

        assertThat(exitCode).isZero();
        assertThat(out.toString().strip()).isEqualTo((DemoTestData.SYMBOLS * 1_440) + " 0");
    }
}
