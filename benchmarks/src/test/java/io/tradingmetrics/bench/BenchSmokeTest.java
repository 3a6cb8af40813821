package io.tradingmetrics.bench;

import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole harness at the smallest scale, so that it cannot rot: every section, on DuckDB and on the TimescaleDB
 * test server (which scripts/test.sh and the CI start; the test fails without it). Figures are printed,
 * never asserted: only that each section ran and reported.
 */
class BenchSmokeTest {
    @TempDir
    Path folder;

    @Test
    void everySectionRunsAndReportsAtTinyScale() throws Exception {
        Path output = folder.resolve("BENCHMARKS.md");
        Files.writeString(output, "# Benchmarks\n\nHand-written analysis stays.\n");
        List<String> args = new ArrayList<>(List.of("--points", "10k", "--runs", "2", "--warmups", "1",
                "--ingest-repeats", "1", "--serving-seconds", "1", "--query-millis", "20",
                "--work-dir", folder.toString(), "--command", "smoke test"));
        args.addAll(List.of("--timescale-url", PostgresTestServer.TIMESCALE.url()));
        BenchOptions options = BenchOptions.parse(args.toArray(String[]::new));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report report = BenchMain.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
        report.writeInto(output);
        report.writeInto(output);

        String console = printed.toString(StandardCharsets.UTF_8);
        System.out.println(console);
        assertThat(console).contains("== Ingest", "== Dashboard queries", "== Store start-up", "== Targets");
        assertThat(report.targets()).extracting(Target::name).contains(
                "DuckDB ingest through the SPI (batches of 100,000)", "Framework overhead on the dashboard queries",
                "DuckDB store start-up (open + Flyway validate, cold JVM)",
                "Dashboard reads through the store against the best hand-written SQL");
        assertThat(console).contains("== How the reads grow with the data", "hand-written p50", "metric candles");
        String markdown = Files.readString(output);
        assertThat(markdown).startsWith("# Benchmarks\n\nHand-written analysis stays.\n");
        assertThat(markdown.split(java.util.regex.Pattern.quote(Report.BEGIN), -1)).as("one results section after two writes").hasSize(2);
        assertThat(markdown).contains("| DuckDB | MetricsStore.insertMetrics | 100,000 |", "smoke test");
        assertThat(console).contains("== Migration", "TimescaleDB -> DuckDB", "DuckDB against TimescaleDB");
        assertThat(console).contains("Dual store: the caller's thread", "outbox replay");
        assertThat(report.targets()).extracting(Target::verdict).doesNotContain(Target.Verdict.NOT_RUN);
        try (var left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("scratch files removed")
                    .containsExactly("BENCHMARKS.md");
        }
    }

    @Test
    void countsTakeSuffixesAndBadOptionsSayWhatIsValid() {
        assertThat(BenchOptions.parseCount("10M", "--points")).isEqualTo(10_000_000);
        assertThat(BenchOptions.parseCount("200k", "--points")).isEqualTo(200_000);
        assertThat(BenchOptions.parseCount("1_500", "--runs")).isEqualTo(1_500);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--sections", "io"}))
                .hasMessageContaining("ingest,writer,queries,startup,migration,serving");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--points", "5k"}))
                .hasMessageContaining("at least 10000");
        assertThat(BenchOptions.parse(new String[] {"--points", "10M"}).sizes()).containsExactly(1_000_000L, 10_000_000L);
        BenchOptions scaling = BenchOptions.parse(new String[] {"--points", "1M,10M,100M", "--engines", "duckdb",
                "--timescale-url", "jdbc:postgresql://127.0.0.1:1/x"});
        assertThat(scaling.sizes()).containsExactly(1_000_000L, 10_000_000L, 100_000_000L);
        assertThat(scaling.points()).isEqualTo(100_000_000L);
        assertThat(scaling.timescaleUrl()).as("--engines duckdb measures DuckDB only").isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--points", "10M,1M"}))
                .hasMessageContaining("ascending");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--engines", "mysql"}))
                .hasMessageContaining("duckdb, timescaledb");
    }
}
