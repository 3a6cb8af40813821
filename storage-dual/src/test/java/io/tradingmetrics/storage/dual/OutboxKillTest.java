package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The app killed with kill -9 while its outbox holds writes: the next open replays them, nothing lost or doubled. */
class OutboxKillTest {
    @TempDir
    Path folder;

    @Test
    void writesWaitingInTheOutboxOfAKilledAppReachTheSecondaryOnceEach() throws Exception {
        Path primary = folder.resolve("primary.duckdb");
        Path secondary = folder.resolve("secondary.duckdb");
        Path outbox = folder.resolve("outbox");
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(primary),
                DualStores.duckdb(secondary), outbox));
        // The secondary's file is locked by another process, so every write waits in the outbox.
        try (MetricsStore created = config.secondary().open(OpenMode.MIGRATE)) {
            assertThat(created.instanceId()).isPresent();
        }
        int acked;
        try (ChildJvm lock = ChildJvm.start(FileLockMain.class, secondary.toString());
             ChildJvm app = ChildJvm.start(DualWriterMain.class, primary.toString(), secondary.toString(),
                     outbox.toString(), "1000000", "2000")) {
            lock.awaitLine("LOCKED"::equals);
            acked = Integer.parseInt(app.awaitLine(l -> l.equals("ACKED 15")).substring("ACKED ".length()));
            app.kill9();
            DualStatus left = DualState.read(outbox).orElseThrow();
            assertThat(left.secondaryId()).as("the secondary was never opened").isEmpty();
        }
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).as("%s", dual.status()).isTrue();
        }
        try (MetricsStore p = config.primary().open(OpenMode.READ_ONLY);
             MetricsStore s = config.secondary().open(OpenMode.READ_ONLY)) {
            long stored = p.count(StoreTable.TRADING_METRICS, TimeRange.all());
            // Every acknowledged batch, and at most the one the kill cut short (the open resolved it).
            assertThat(stored).isBetween(acked * 2000L, (acked + 2) * 2000L);
            assertThat(stored % 2000).as("whole batches only").isZero();
            DualStores.assertEqualStores(p, s);
            assertThat(DualStores.rows(s, StoreTable.TRADING_METRICS)).doesNotHaveDuplicates();
        }
    }
}
