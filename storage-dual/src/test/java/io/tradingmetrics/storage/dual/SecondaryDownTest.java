package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.tck.postgres.LocalServer;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.tck.postgres.TestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A secondary that does not answer never fails the app's writes; they wait and reach it once it is back. */
class SecondaryDownTest {
    @TempDir
    Path folder;

    @Test
    void aSecondaryDuckDbFileLockedByAnotherProcessFailsNoWriteAndCatchesUpWhenFreed() throws Exception {
        Path secondaryFile = folder.resolve("secondary.duckdb");
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("p.duckdb")),
                DualStores.duckdb(secondaryFile), folder.resolve("outbox")));
        try (MetricsStore created = config.secondary().open(OpenMode.MIGRATE)) {
            assertThat(created.instanceId()).isPresent();
        }
        ChildJvm lock = ChildJvm.start(FileLockMain.class, secondaryFile.toString());
        lock.awaitLine("LOCKED"::equals);
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            for (int i = 0; i < 10; i++) {
                assertThat(dual.insertMetrics(Rows.points(i * 100, 100))).isEqualTo(100);
            }
            dual.upsertCandles(List.of(Rows.candle(1, 50), Rows.candle(2, 60)));
            dual.upsertCandles(List.of(Rows.candle(1, 55)));
            dual.deleteRange(StoreTable.TRADING_METRICS, TimeRange.of(Rows.T0, Rows.T0.plusMillis(50)));
            assertThat(dual.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(950);
            DualStatus waiting = dual.status();
            assertThat(waiting.outboxRecords()).isEqualTo(13);
            assertThat(waiting.lastReplayError()).get().asString().containsIgnoringCase("lock");
            assertThat(dual.health().details()).containsEntry("outbox.records", "13")
                    .containsKey("last-replay-error");
            lock.kill9();
            DualStores.assertMirrored(dual);
            assertThat(dual.status().outboxRecords()).isZero();
            assertThat(dual.status().lastReplayError()).isEmpty();
        } finally {
            lock.close();
        }
    }

    @Test
    void aTimescaleSecondaryStoppedAndStartedAgainFailsNoWriteAndCatchesUp() throws Exception {
        try (TestSchema schema = PostgresTestServer.TIMESCALE.newSchema()) {
            LocalServer server = PostgresTestServer.TIMESCALE.local();
            DualStoreConfig config = DualStores.config(DualStores.dualBlock(
                    DualStores.duckdb(folder.resolve("p.duckdb")),
                    DualStores.timescale(schema.settings("timescaledb", "required", "connect-timeout", "2s")),
                    folder.resolve("outbox")));
            try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
                dual.insertMetrics(Rows.points(0, 100));
                assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).as("%s", dual.status()).isTrue();
                server.stop();
                try {
                    for (int i = 1; i <= 10; i++) {
                        assertThat(dual.insertMetrics(Rows.points(i * 100, 100))).isEqualTo(100);
                    }
                    dual.upsertPerformance(List.of(Rows.snapshot(3, 1000), Rows.snapshot(4, 1010)));
                    assertThat(dual.status().outboxRecords()).isPositive();
                } finally {
                    server.start();
                }
                DualStores.assertMirrored(dual);
            }
        }
    }
}
