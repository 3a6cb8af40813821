package io.tradingmetrics.cli;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.config.MetricsConfig;
import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cut-over commands on a dual store's configuration, with the app stopped, on real DuckDB files: the backfill
 * copies the history into the secondary and records it, verify passes only when the two stores are equal, and every
 * misuse is refused in one line naming the way out.
 */
class DualCommandsTest {
    private static final int HISTORY = 3_000;

    @TempDir
    Path dir;

    private Path dualConfig(Path primary, Path secondary) throws Exception {
        Path file = dir.resolve("app.conf");
        Files.writeString(file, "metrics.store.type = dual\nmetrics.store.dual {\n"
                + "  primary { type = duckdb, duckdb { path = \"" + primary + "\" } }\n"
                + "  secondary { type = duckdb, duckdb { path = \"" + secondary + "\" } }\n"
                + "  outbox.directory = \"" + dir.resolve("outbox") + "\"\n}\n");
        return file;
    }

    private static MetricsStore open(Path file) {
        return MetricsStores.open(MetricsConfig.load(ConfigFactory.parseString(
                "metrics.store { type = duckdb, duckdb { path = \"" + file + "\" } }")));
    }

    private static List<MetricPoint> points(Instant from, int count, String symbol) {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(MetricPoint.of(from.plusMillis(i), "price", i, symbol));
        }
        return points;
    }

    @Test
    void backfillThenVerifyWithTheAppStoppedLeavesTheStoresEqual() throws Exception {
        Path primary = dir.resolve("primary.duckdb");
        Path secondary = dir.resolve("secondary.duckdb");
        Instant history = Instant.now().minus(1, ChronoUnit.DAYS);
        try (MetricsStore store = open(primary)) {
            store.insertMetrics(points(history, HISTORY, "OLD"));
        }
        Path config = dualConfig(primary, secondary);
        // The app's run: dual-writing begins (the boundary is recorded), a few writes are mirrored, it stops.
        try (MetricsStore app = MetricsStores.open(MetricsConfig.load(config))) {
            app.insertMetrics(points(Instant.now(), 100, "NEW"));
        }

        CliRun before = CliRun.run(Instant.now(), "--config", config.toString(), "verify");
        assertThat(before.exitCode()).as(before.out() + before.err()).isEqualTo(1);
        assertThat(before.out()).contains("MISMATCH");

        CliRun backfill = CliRun.run(Instant.now(), "--config", config.toString(), "migrate", "--backfill",
                "--state-dir", dir.resolve("state").toString(), "--chunk-rows", "1000", "--batch-size", "500");
        assertThat(backfill.exitCode()).as(backfill.out() + backfill.err()).isZero();
        assertThat(backfill.out()).contains("backfill recorded as done");
        try (MetricsStore store = open(secondary)) {
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(HISTORY + 100);
        }

        CliRun verify = CliRun.run(Instant.now(), "--config", config.toString(), "verify");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("verified: source and target match").contains("live tail");

        try (MetricsStore store = open(secondary)) {
            store.deleteRange(StoreTable.TRADING_METRICS, TimeRange.of(history, history.plusMillis(1)));
        }
        CliRun broken = CliRun.run(Instant.now(), "--config", config.toString(), "verify");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("MISMATCH").contains("only in source");
    }

    @Test
    void aSecondaryCreatedAgainIsRefusedNotTrusted() throws Exception {
        Path primary = dir.resolve("primary.duckdb");
        Path secondary = dir.resolve("secondary.duckdb");
        try (MetricsStore store = open(primary)) {
            store.insertMetrics(points(Instant.now().minus(1, ChronoUnit.DAYS), 10, "OLD"));
        }
        Path config = dualConfig(primary, secondary);
        try (MetricsStore app = MetricsStores.open(MetricsConfig.load(config))) {
            app.insertMetrics(points(Instant.now(), 10, "NEW"));
        }
        Files.delete(secondary);
        open(secondary).close();

        CliRun backfill = CliRun.run(Instant.now(), "--config", config.toString(), "migrate", "--backfill",
                "--state-dir", dir.resolve("state").toString());
        assertThat(backfill.exitCode()).isEqualTo(1);
        assertThat(backfill.err()).contains("is not the store the dual state").contains("recreated");
    }

    @Test
    void theCommandsRefuseAConfigurationWithoutADualStore() throws Exception {
        Path plain = dir.resolve("plain.conf");
        Files.writeString(plain, "metrics.store { type = duckdb, duckdb.path = \"" + dir.resolve("m.duckdb")
                + "\" }\n");
        for (String[] command : List.of(new String[] {"migrate", "--backfill"}, new String[] {"verify"},
                new String[] {"catch-up"})) {
            List<String> args = new ArrayList<>(List.of("--config", plain.toString()));
            args.addAll(List.of(command));
            CliRun run = CliRun.run(Instant.now(), args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.err()).isEqualTo(3);
            assertThat(run.err()).contains("metrics.store.type = duckdb").contains("dual");
        }
    }

    @Test
    void aBackfillTakesItsStoresAndRangeFromTheDualStoreOnly() throws Exception {
        Path config = dualConfig(dir.resolve("p.duckdb"), dir.resolve("s.duckdb"));
        CliRun withFrom = CliRun.run(Instant.now(), "--config", config.toString(), "migrate", "--backfill",
                "--from", "jdbc:duckdb:" + dir.resolve("x.duckdb"));
        assertThat(withFrom.exitCode()).isEqualTo(2);
        assertThat(withFrom.err()).contains("leave out --from");
        CliRun halfPair = CliRun.run(Instant.now(), "verify", "--from", "jdbc:duckdb:" + dir.resolve("x.duckdb"));
        assertThat(halfPair.exitCode()).isEqualTo(2);
        assertThat(halfPair.err()).contains("--to is missing");
        CliRun noState = CliRun.run(Instant.now(), "--config", config.toString(), "migrate", "--backfill");
        assertThat(noState.exitCode()).isEqualTo(1);
        assertThat(noState.err()).contains("no dual store has run").contains("start the app");
    }
}
