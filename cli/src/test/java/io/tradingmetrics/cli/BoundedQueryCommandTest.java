package io.tradingmetrics.cli;

import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.tradingmetrics.cli.DemoTestData.END;
import static org.assertj.core.api.Assertions.assertThat;

/** Queries that would do unbounded or meaningless work are refused in one line, before any work. */
class BoundedQueryCommandTest {
    @TempDir
    static Path dir;
    static String url;

    @BeforeAll
    static void onePointAndOneCandle() {
        url = DemoTestData.url(dir.resolve("bounded.duckdb"));
        try (MetricsStore store = MetricsStores.open(url)) {
            store.insertMetric(MetricPoint.of(END.minusSeconds(90), "price", 1, "AAPL"));
            store.upsertCandle(new Candle(END.minusSeconds(120), "AAPL", 1, 2, 0.5, 1.5, 3));
        }
    }

    private static CliRun query(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "query";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--store";
        full[args.length + 2] = url;
        return CliRun.run(END, full);
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

    @Test
    void aNearMissOfTheConfigPrefixIsRefusedRatherThanFallingBackToTheDefaultStore() throws IOException {
        Path conf = Files.writeString(dir.resolve("typo.conf"), "metrics.store.duckdb.path = \"" + dir.resolve("x.duckdb")
                + "\"\nmetric.store.type = timescale\n");

        CliRun run = CliRun.run(END, "stats", "--config", conf.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("metrics: unknown top-level key metric (" + conf + ": 2); the store"
                + " is configured under metrics.store; did you mean 'metrics'?");
        assertThat(dir.resolve("x.duckdb")).doesNotExist();

        Path stor = Files.writeString(dir.resolve("stor.conf"), "metrics.stor.type = timescale\n");
        assertThat(CliRun.run(END, "stats", "--config", stor.toString()).errLines()).containsExactly(
                "metrics: unknown key metrics.stor (" + stor + ": 1); valid keys under metrics: store; did you mean"
                        + " 'store'?");
    }
}
