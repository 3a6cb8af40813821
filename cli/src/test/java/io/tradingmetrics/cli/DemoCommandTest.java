package io.tradingmetrics.cli;

import io.tradingmetrics.cli.output.Cells;
import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static io.tradingmetrics.cli.DemoTestData.END;
import static io.tradingmetrics.cli.DemoTestData.url;
import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoFillsTheThreeTablesAndPrintsTheDashboardQueries() {
        Path file = dir.resolve("demo.duckdb");

        CliRun run = DemoTestData.demo(file);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Raw range: price of BTC-USD", "1-minute buckets", "1-hour buckets",
                "1-hour average price per symbol", "Latest value of every series", "rolled up from 1m to 1h",
                "built from price and volume points", "Performance summary", "Table stats", "Query timings");
        assertThat(run.errLines()).as("plain progress lines off a terminal").contains(run.errLines().stream()
                .filter(line -> line.startsWith("demo: 100%")).findFirst().orElseThrow());
        try (MetricsStore store = MetricsStores.open(url(file))) {
            List<TableStats> stats = store.stats();
            assertThat(stats).as("--points rows in all: candles and snapshots first, the rest points")
                    .extracting(TableStats::rowCount).containsExactly(20_000L - 3 * 1_440 - 288, 3L * 1_440, 288L);
            for (TableStats table : stats) {
                assertThat(run.outLines()).as("printed stats of " + table.table()).anySatisfy(line ->
                        assertThat(columns(line)).startsWith(table.table().tableName(), Cells.count(table.rowCount()),
                                table.minTimestamp().orElseThrow().toString(),
                                table.maxTimestamp().orElseThrow().toString()));
            }
            List<MetricPoint> newest = store.queryMetrics(MetricQuery.of("price",
                    TimeRange.of(END.minus(Duration.ofHours(1)), END)).withSymbol("BTC-USD").withLimit(10));
            assertThat(tableRows(run, "Raw range:")).extracting(columns -> columns[0])
                    .containsExactlyElementsOf(newest.stream().map(p -> p.timestamp().toString()).toList());
            assertThat(tableRows(run, "Latest value of every series")).hasSize(
                    Math.min(12, store.latest(LatestQuery.all()).size()));
            assertThat(store.latest(LatestQuery.all())).as("5 metrics x 3 symbols + 2 system metrics").hasSize(17);
        }
        assertThat(run.outLines()).anySatisfy(line -> assertThat(columns(line)).containsExactly("snapshots", "288"));
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        Path first = dir.resolve("first.duckdb");
        Path second = dir.resolve("second.duckdb");
        Path other = dir.resolve("other.duckdb");
        assertThat(DemoTestData.demo(first, "--no-queries").exitCode()).isZero();
        assertThat(DemoTestData.demo(second, "--no-queries").exitCode()).isZero();
        assertThat(DemoTestData.demo(other, 8, "--no-queries").exitCode()).isZero();

        assertThat(points(second)).isEqualTo(points(first));
        assertThat(candles(second)).isEqualTo(candles(first));
        assertThat(points(other)).hasSameSizeAs(points(first)).isNotEqualTo(points(first));
    }

    @Test
    void saysWhatItWillWriteBeforeWriting() {
        Path file = dir.resolve("plan.duckdb");
        CliRun run = DemoTestData.demo(file, "--no-queries");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines().get(0)).startsWith("Demo: writing 20,000 rows: 15,392 metric points, 4,320 1-minute"
                + " candles and 288 snapshots, for 3 symbols over 1 days (2026-11-23T12:00:00Z .. 2026-11-24T12:00:00Z,"
                + " seed 7) into the duckdb " + file.toAbsolutePath() + " store");
        assertThat(run.outLines().get(1)).startsWith("Wrote 20,000 rows in ");
    }

    @Test
    void aSecondDemoIsRefusedUnlessAppendOrResetIsGiven() {
        Path file = dir.resolve("again.duckdb");
        assertThat(DemoTestData.demo(file, "--no-queries").exitCode()).isZero();
        List<Long> first = counts(file);

        CliRun again = DemoTestData.demo(file, "--no-queries");

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.out()).isEmpty();
        assertThat(again.errLines()).singleElement().asString()
                .startsWith("metrics: the duckdb " + file.toAbsolutePath() + " store already holds")
                .endsWith(" store already holds 15,392 metric points, 4,320 candles and 288 snapshots; give --reset"
                        + " to delete them first, or --append to add the demo data to them (see 'metrics demo --help')");
        assertThat(counts(file)).as("nothing written").isEqualTo(first);

        CliRun append = DemoTestData.demo(file, "--no-queries", "--append");
        assertThat(append.exitCode()).as(append.err()).isZero();
        assertThat(append.out()).contains("Append: adding to the 15,392 metric points, 4,320 candles and 288 snapshots"
                + " already stored (candles and snapshots of the same times are replaced)");
        assertThat(counts(file)).as("points appended, candles and snapshots replaced by key")
                .containsExactly(2 * 15_392L, 4_320L, 288L);

        CliRun reset = DemoTestData.demo(file, "--no-queries", "--reset");

        assertThat(reset.exitCode()).as(reset.err()).isZero();
        List<String> lines = reset.outLines();
        assertThat(lines.get(1)).isEqualTo("Reset: deleting the 30,784 metric points, 4,320 candles and 288 snapshots"
                + " already stored first");
        assertThat(lines.get(2)).isEqualTo("Reset: deleted " + Cells.count(2 * 15_392 + 4_320 + 288) + " rows");
        assertThat(counts(file)).isEqualTo(first);

        CliRun both = DemoTestData.demo(file, "--no-queries", "--reset", "--append");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.errLines()).containsExactly(
                "metrics: give --reset or --append, not both (see 'metrics demo --help')");
    }

    @Test
    void pointsBoundTheRowsOfTheThreeTables() {
        Path file = dir.resolve("bounded.duckdb");
        CliRun refused = CliRun.run(END, "demo", "--store", url(file), "--symbols", "1000", "--points", "1000");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errLines()).containsExactly("metrics: --points 1,000 cannot hold the 10,080,000 candles and"
                + " 2,016 snapshots of 1000 symbols over 7 days; give --points 10,082,017 or more, fewer --symbols or"
                + " fewer --days (see 'metrics demo --help')");
        assertThat(file).doesNotExist();

        CliRun small = CliRun.run(END, "demo", "--store", url(file), "--symbols", "2", "--days", "1", "--points",
                "3500", "--no-queries", "--end", END.toString());
        assertThat(small.exitCode()).as(small.err()).isZero();
        assertThat(counts(file)).containsExactly(3_500L - 2 * 1_440 - 288, 2L * 1_440, 288L);
    }

    @Test
    void badDemoSizesAreUsageErrors() {
        CliRun run = CliRun.run(END, "demo", "--store", url(dir.resolve("x.duckdb")), "--points", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "metrics: --points must be 1 or more, not 0 (see 'metrics demo --help')");
        assertThat(dir.resolve("x.duckdb")).doesNotExist();
    }

    /** The cells of a printed table line: columns are separated by at least two spaces. */
    static String[] columns(String line) {
        return line.strip().split("\\s{2,}");
    }

    /** The data rows of the printed table whose title starts with the text. */
    static List<String[]> tableRows(CliRun run, String titleStart) {
        List<String> lines = run.outLines();
        int title = 0;
        while (!lines.get(title).startsWith(titleStart)) {
            title++;
        }
        // title, note, header, rule, then rows up to the blank line
        return lines.subList(title + 4, lines.size()).stream().takeWhile(line -> !line.isBlank())
                .filter(line -> !line.startsWith("  ..."))
                .map(DemoCommandTest::columns).toList();
    }

    private static List<MetricPoint> points(Path file) {
        try (MetricsStore store = MetricsStores.open(url(file));
             Stream<MetricPoint> points = store.streamMetrics(TimeRange.all())) {
            // Points of one tick share a timestamp, and the store orders only by timestamp.
            return points.sorted(Comparator.comparing(MetricPoint::timestamp).thenComparing(MetricPoint::metricName)
                    .thenComparing(p -> p.symbol().orElse("")).thenComparing(p -> p.labels().toString())).toList();
        }
    }

    private static List<Candle> candles(Path file) {
        try (MetricsStore store = MetricsStores.open(url(file))) {
            return store.candles(io.tradingmetrics.storage.api.CandleQuery.of(TimeRange.all()));
        }
    }

    private static List<Long> counts(Path file) {
        try (MetricsStore store = MetricsStores.open(url(file))) {
            return Stream.of(StoreTable.values()).map(t -> store.count(t, TimeRange.all())).toList();
        }
    }
}
