package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state belongs to the stores it describes: a store recreated at the same place is detected, never trusted. */
class InstanceIdTest {
    @TempDir
    Path folder;

    @Test
    void aSecondaryRecreatedAtTheSamePlaceStartsANewEpochThatNeedsAFullBackfill() throws Exception {
        Path secondary = folder.resolve("s.duckdb");
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("p.duckdb")),
                DualStores.duckdb(secondary), folder.resolve("outbox")));
        String firstId;
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            dual.insertMetrics(Rows.points(0, 100));
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            firstId = dual.status().secondaryId().orElseThrow();
            assertThat(dual.status().needsBackfill()).as("an empty primary needs no backfill").isFalse();
        }
        Files.delete(secondary);
        Files.deleteIfExists(folder.resolve("s.duckdb.wal"));
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).as("%s", dual.status()).isTrue();
            // Written once the new secondary was taken on (a write racing that falls before the new boundary).
            dual.insertMetrics(Rows.points(1000, 10));
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).as("%s", dual.status()).isTrue();
            DualStatus status = dual.status();
            assertThat(status.secondaryId()).isPresent().get().isNotEqualTo(firstId);
            assertThat(status.epoch()).isEqualTo(2);
            assertThat(status.needsBackfill()).as("the new secondary has none of the history").isTrue();
            assertThat(status.tables().get(0).boundary()).isAfter(Rows.T0.plusMillis(99));
            assertThat(dual.secondaryForTests().count(StoreTable.TRADING_METRICS, TimeRange.all()))
                    .as("only what was written since").isEqualTo(10);
        }
    }

    @Test
    void aPrimaryThatIsNeitherStoreOfTheStateIsRefused() throws Exception {
        Path primary = folder.resolve("p.duckdb");
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(primary),
                DualStores.duckdb(folder.resolve("s.duckdb")), folder.resolve("outbox")));
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            dual.insertMetrics(Rows.points(0, 10));
        }
        Files.delete(primary);
        Files.deleteIfExists(folder.resolve("p.duckdb.wal"));
        assertThatThrownBy(() -> DualMetricsStore.open(config, OpenMode.CONFIGURED).close())
                .isInstanceOf(MetricsStoreException.class)
                .hasMessageContaining("is neither store the dual state")
                .hasMessageContaining("move the directory away");
    }
}
