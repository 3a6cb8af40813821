package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** While the app writes without a pause, the mirror waits, up to replay.yield-to-writes behind. */
class YieldToWritesTest {
    @TempDir
    Path folder;

    @Test
    void aBurstOfWritesIsMirroredAfterItEnds() {
        DualStoreConfig config = config("1h");
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            awaitSecondary(dual);
            int batches = 200;
            for (int i = 0; i < batches; i++) {
                dual.insertMetrics(Rows.points(i * 500, 500));
            }
            // a descheduled writer thread lets a record or two through; most wait for the pause
            assertThat(dual.status().outboxRecords()).isGreaterThan(batches / 2);

            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).as("mirrored once the app pauses").isTrue();
        }
        assertEqualStores(config);
    }

    @Test
    void writesWithoutAPauseAreMirroredOnceTheOldestWaitingIsOlderThanTheWindow() {
        DualStoreConfig config = config("200ms");
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            awaitSecondary(dual);
            long end = System.nanoTime() + Duration.ofMillis(2500).toNanos();
            int batches = 0;
            while (System.nanoTime() < end) {
                dual.insertMetrics(Rows.points(batches * 500, 500));
                batches++;
            }
            long waiting = dual.status().outboxRecords();
            assertThat(batches - waiting).as("records mirrored during %d writes without a pause", batches)
                    .isGreaterThanOrEqualTo(batches / 4);

            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        }
        assertEqualStores(config);
    }

    private DualStoreConfig config(String window) {
        return DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("p.duckdb")),
                DualStores.duckdb(folder.resolve("s.duckdb")), folder.resolve("outbox"),
                "replay.yield-to-writes", window));
    }

    private static void awaitSecondary(DualMetricsStore dual) {
        assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).as("the secondary opened").isTrue();
    }

    private static void assertEqualStores(DualStoreConfig config) {
        try (MetricsStore primary = config.primary().open(OpenMode.READ_ONLY);
             MetricsStore secondary = config.secondary().open(OpenMode.READ_ONLY)) {
            DualStores.assertEqualStores(primary, secondary);
        }
    }
}
