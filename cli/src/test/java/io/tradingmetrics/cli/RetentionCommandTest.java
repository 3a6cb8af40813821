package io.tradingmetrics.cli;

import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.tradingmetrics.cli.DemoTestData.url;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code metrics retention} on a real DuckDB file, the clock of the command fixed by the test. */
class RetentionCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final int POINTS = 3 * 24 * 60;

    @TempDir
    Path dir;

    private Path file;
    private Path config;

    @BeforeEach
    void threeDaysOfMinutePointsKeptForTwoDays() throws IOException {
        file = dir.resolve("m.duckdb");
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            points.add(MetricPoint.of(NOW.minus(Duration.ofMinutes(POINTS - i)), "price", i, "AAPL"));
        }
        try (MetricsStore store = MetricsStores.open(url(file))) {
            store.insertMetrics(points);
        }
        config = dir.resolve("retention.conf");
        Files.writeString(config, "metrics.store.retention.trading_metrics = 2d\n");
    }

    private long points() {
        try (MetricsStore store = MetricsStores.open(url(file))) {
            return store.count(StoreTable.TRADING_METRICS, TimeRange.all());
        }
    }

    private CliRun retention(Instant now, String... options) {
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--store", url(file), "retention"));
        args.addAll(List.of(options));
        return CliRun.run(now, args.toArray(String[]::new));
    }

    @Test
    void aDryRunPrintsWhatWouldGoAndDeletesNothing() {
        CliRun run = retention(NOW, "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).anySatisfy(line -> assertThat(DemoCommandTest.columns(line)).containsExactly(
                "trading_metrics", "2d", NOW.minus(Duration.ofDays(2)).toString(), "4,320", "1,440"));
        assertThat(run.out()).contains("dry run: nothing deleted; 1440 rows would go");
        assertThat(points()).isEqualTo(POINTS);
    }

    @Test
    void aRunDeletesTheRowsOlderThanTheKeepAndOptimizes() {
        CliRun run = retention(NOW);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1440 rows removed in ").contains("; optimize ").contains("; size ");
        assertThat(points()).isEqualTo(2 * 24 * 60);
        try (MetricsStore store = MetricsStores.open(url(file))) {
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.of(TimeRange.all().from(),
                    NOW.minus(Duration.ofDays(2))))).isZero();
        }
    }

    @Test
    void aClockFarAheadIsRefusedWithTheWayOutAndForceRunsOnce() {
        Instant farAhead = NOW.plus(Duration.ofDays(3650));

        CliRun refused = retention(farAhead);

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.errLines()).singleElement().asString()
                .startsWith("metrics: retention refused, nothing deleted: the clock reads " + farAhead)
                .contains("bin/metrics retention --force");
        assertThat(points()).isEqualTo(POINTS);

        CliRun forced = retention(farAhead, "--force", "--no-optimize");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(points()).isZero();
    }

    @Test
    void aMissingStoreIsRefusedAndNotCreated() {
        Path missing = dir.resolve("missing.duckdb");

        CliRun run = CliRun.run(NOW, "--config", config.toString(), "--store", url(missing), "retention");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(missing).doesNotExist();
    }

    @Test
    void aBadKeepIsAConfigurationErrorOfOneLineNamingTheKey() throws IOException {
        Files.writeString(config, "metrics.store.retention.candles = 30\n");

        CliRun run = retention(NOW);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("metrics: metrics.store.retention.candles = 30 (" + config)
                .endsWith("or forever");
        assertThat(points()).isEqualTo(POINTS);
    }
}
