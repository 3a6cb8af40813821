package io.tradingmetrics.cli;

import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.tradingmetrics.cli.DemoTestData.END;
import static org.assertj.core.api.Assertions.assertThat;

class QueryCommandTest {
    @TempDir
    static Path dir;
    static String url;

    @BeforeAll
    static void fillStore() {
        Path file = dir.resolve("query.duckdb");
        url = DemoTestData.url(file);
        CliRun demo = DemoTestData.demo(file, "--no-queries");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
    }

    private static CliRun query(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "query";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--store";
        full[args.length + 2] = url;
        return CliRun.run(END, full);
    }

    private static <T> T withStore(java.util.function.Function<MetricsStore, T> read) {
        try (MetricsStore store = MetricsStores.open(url)) {
            return read.apply(store);
        }
    }

    @Test
    void rawPrintsTheNewestPointsOfTheRangeFirst() {
        CliRun run = query("raw", "--metric", "order_latency_ms", "--symbol", "ETH-USD", "--label", "venue=kraken",
                "--from", "-2h", "--limit", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<MetricPoint> expected = withStore(store -> store.queryMetrics(new MetricQuery("order_latency_ms",
                TimeRange.of(END.minus(Duration.ofHours(2)), END), Optional.of("ETH-USD"), Map.of("venue", "kraken"),
                5)));
        assertThat(expected).hasSize(5);
        List<String[]> rows = DemoCommandTest.tableRows(run, "order_latency_ms from");
        assertThat(rows).extracting(r -> r[0]).containsExactlyElementsOf(
                expected.stream().map(p -> p.timestamp().toString()).toList());
        assertThat(rows).allSatisfy(r -> assertThat(r[4]).contains("venue=kraken"));
        assertThat(run.out()).contains("5 points (the limit; raise --limit for more)");
    }

    @Test
    void aggregatePrintsCsvWithOneLinePerBucket() {
        CliRun run = query("aggregate", "--metric", "price", "--interval", "1h", "--agg", "p95", "--by-symbol",
                "--from", "-6h", "--format", "csv");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<AggregatedBucket> expected = withStore(store -> store.aggregate(AggregationQuery.of("price",
                TimeRange.of(END.minus(Duration.ofHours(6)), END), Interval.HOUR_1, Aggregation.P95)
                .groupedBySymbol()));
        assertThat(expected).hasSize(18);
        assertThat(run.outLines()).hasSize(19).first().isEqualTo("bucket,symbol,p95,samples");
        AggregatedBucket first = expected.get(0);
        assertThat(run.outLines().get(1)).isEqualTo(first.bucketStart() + "," + first.symbol().orElseThrow() + ","
                + first.value().getAsDouble() + "," + first.sampleCount());
    }

    @Test
    void aggregateFillsGapsAsAsked() {
        // The data ends at END: the last two hours of a range reaching past it are gaps.
        CliRun run = query("aggregate", "--metric", "price", "--symbol", "BTC-USD", "--interval", "1h",
                "--from", "-1h", "--to", "+2h", "--gap-fill", "previous", "--format", "csv");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(4);
        String lastValue = run.outLines().get(1).split(",")[1];
        assertThat(run.outLines().subList(2, 4)).allSatisfy(line -> assertThat(line.split(","))
                .containsExactly(line.split(",")[0], lastValue, "0"));
    }

    @Test
    void latestPrintsJsonWithOneObjectPerSeries() {
        CliRun run = query("latest", "--metric", "price", "--metric", "spread_bps", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<MetricPoint> expected = withStore(store -> store.latest(LatestQuery.of("price", "spread_bps")));
        assertThat(expected).hasSize(6);
        assertThat(run.out().strip()).startsWith("[").endsWith("]");
        assertThat(run.out().split("\"metric\"", -1)).hasSize(7);
        assertThat(run.out()).contains("\"value\" : " + expected.get(0).value(),
                "\"symbol\" : \"" + expected.get(0).symbol().orElseThrow() + "\"");
    }

    @Test
    void candlesRollUpAndBuildFromPoints() {
        CliRun rolled = query("candles", "--symbol", "SOL-USD", "--interval", "4h", "--from", "-1d");
        CliRun built = query("candles", "--symbol", "SOL-USD", "--from-metric", "price", "--volume-metric", "volume",
                "--interval", "4h", "--from", "-1d");

        assertThat(rolled.exitCode()).as(rolled.err()).isZero();
        assertThat(built.exitCode()).as(built.err()).isZero();
        List<Candle> expected = withStore(store -> store.rollUpCandles(CandleQuery.of(
                TimeRange.of(END.minus(Duration.ofDays(1)), END), "SOL-USD"), Interval.HOUR_4));
        assertThat(expected).hasSize(6);
        assertThat(DemoCommandTest.tableRows(rolled, "Stored candles rolled up to 4h")).extracting(r -> r[0])
                .containsExactlyElementsOf(expected.stream().map(c -> c.timestamp().toString()).toList());
        assertThat(DemoCommandTest.tableRows(built, "4h candles built from price points")).hasSize(6);
    }

    @Test
    void aBadIntervalIsAOneLineErrorNamingTheValidChoices() {
        CliRun run = query("aggregate", "--metric", "price", "--interval", "7m");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("metrics: Invalid value for option '--interval': unknown interval"
                + " '7m'; valid intervals: 1s, 1m, 5m, 15m, 1h, 4h, 1d, 1w, 1mo (see 'metrics query aggregate --help')");
    }

    @Test
    void otherBadValuesAreOneLineErrorsToo() {
        assertThat(query("aggregate", "--metric", "price", "--agg", "median").errLines()).singleElement().asString()
                .contains("unknown aggregation 'median'; valid aggregations: avg, sum, min, max, count");
        assertThat(query("aggregate", "--metric", "price", "--gap-fill", "zero").errLines()).singleElement().asString()
                .contains("unknown gap fill 'zero'; valid gap fills: none, null, previous, linear");
        assertThat(query("raw", "--metric", "price", "--format", "xml").errLines()).singleElement().asString()
                .contains("unknown format 'xml'; valid formats: table, csv, json");
        assertThat(query("raw", "--metric", "price", "--from", "yesterday").errLines()).singleElement().asString()
                .contains("cannot read the time 'yesterday'; give an ISO-8601 instant");
        assertThat(query("raw", "--metric", "price", "--from", "2026-11-24T10:00:00").errLines()).singleElement()
                .asString().contains("(add Z for UTC or an offset such as +01:00)");
        assertThat(query("raw", "--metric", "price", "--from", "now", "--to", "-1h").errLines()).singleElement()
                .asString().contains("is before --from");
        CliRun noMetric = query("raw");
        assertThat(noMetric.exitCode()).isEqualTo(2);
        assertThat(noMetric.errLines()).containsExactly(
                "metrics: Missing required option: '--metric=NAME' (see 'metrics query raw --help')");
    }

    @Test
    void anUpperCaseMIntervalIsRefusedAsAmbiguousNotReadAsMinutes() {
        CliRun run = query("aggregate", "--metric", "price", "--interval", "1M");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("metrics: Invalid value for option '--interval': interval '1M' is"
                + " ambiguous: write 1m for 1 minute(s) or 1mo for a month (see 'metrics query aggregate --help')");
        assertThat(query("aggregate", "--metric", "price", "--interval", "1mo", "--from", "-30d").exitCode())
                .isZero();
    }

    @Test
    void candlesAreNotRolledUpToAFinerInterval() {
        CliRun run = query("candles", "--interval", "1s", "--from", "-1h");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("metrics: candles cannot be rolled up to 1s: stored candles are 1m"
                + " candles or coarser, and a roll-up only makes candles coarser; give 1m or a coarser interval, or"
                + " build 1s candles from price points");
    }

    @Test
    void aGapFilledAggregationOverMoreBucketsThanTheCapIsRefusedWithTheCount() {
        CliRun run = query("aggregate", "--metric", "price", "--interval", "1s", "--from", "2000-01-01T00:00:00Z",
                "--to", "2026-12-02T00:00:00Z", "--gap-fill", "null");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("metrics: the aggregation of metric 'price' with gap filling by 1s"
                + " would return 849,484,800 buckets (1 series of 849,484,800 buckets from 2000-01-01T00:00:00Z to"
                + " 2026-12-02T00:00:00Z), over the cap of 1,000,000 (metrics.store.duckdb.max-buckets); give a coarser"
                + " interval or a shorter range");
    }
}
