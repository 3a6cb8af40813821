package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A clean close mirrors what the outbox holds: the stopped app leaves both stores with what it acknowledged. */
class CloseDrainTest {
    @TempDir
    Path folder;

    @Test
    void closeAppliesTheWaitingWritesToTheSecondaryBeforeItReturns() {
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("a.duckdb")),
                DualStores.duckdb(folder.resolve("b.duckdb")), folder.resolve("outbox")));
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            for (int i = 0; i < 200; i++) {
                dual.insertMetrics(Rows.points(i * 50, 50));
            }
            // closed at once, with writes still waiting for the mirror
        }
        assertThat(DualState.read(config.outboxDirectory()).orElseThrow().outboxRecords()).isZero();
        try (MetricsStore primary = config.primary().open(OpenMode.CONFIGURED);
             MetricsStore secondary = config.secondary().open(OpenMode.CONFIGURED)) {
            assertThat(secondary.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(10_000);
            DualStores.assertEqualStores(primary, secondary);
        }
    }
}
