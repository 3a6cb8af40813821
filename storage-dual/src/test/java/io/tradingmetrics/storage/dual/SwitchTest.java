package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Switching is a config change; the new primary gets what was waiting for it before the store opens. */
class SwitchTest {
    @TempDir
    Path folder;

    @Test
    void swappingTheStoresAppliesTheWritesWaitingForTheNewPrimaryBeforeItOpens() {
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("a.duckdb")),
                DualStores.duckdb(folder.resolve("b.duckdb")), folder.resolve("outbox")));
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            dual.insertMetrics(Rows.points(0, 100));
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            // The secondary is held: these wait in the outbox when the app stops.
            SecondaryHold hold = SecondaryHold.acquire(config.outboxDirectory(), "test", Duration.ofSeconds(30));
            dual.insertMetrics(Rows.points(100, 100));
            dual.upsertCandles(List.of(Rows.candle(1, 30)));
            dual.deleteRange(StoreTable.TRADING_METRICS, TimeRange.of(Rows.T0, Rows.T0.plusMillis(10)));
            assertThat(dual.status().outboxRecords()).isEqualTo(3);
            dual.close();
            hold.close();
        }
        DualStoreConfig switched = config.swapped();
        try (DualMetricsStore dual = DualMetricsStore.open(switched, OpenMode.CONFIGURED)) {
            assertThat(dual.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                    .as("the new primary has every acknowledged write at once").isEqualTo(190);
            assertThat(dual.candles(io.tradingmetrics.storage.api.CandleQuery.of(TimeRange.all()))).hasSize(1);
            dual.insertMetrics(Rows.points(200, 50));
            DualStores.assertMirrored(dual);
            assertThat(dual.status().epoch()).isEqualTo(2);
        }
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            dual.insertMetrics(Rows.points(300, 50));
            DualStores.assertMirrored(dual);
            assertThat(dual.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(290);
        }
    }

    @Test
    void switchingToASecondaryWithoutItsBackfillIsRefused() {
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("a.duckdb")),
                DualStores.duckdb(folder.resolve("b.duckdb")), folder.resolve("outbox")));
        try (MetricsStore history = config.primary().open(OpenMode.MIGRATE)) {
            history.insertMetrics(Rows.points(0, 100));
        }
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            dual.insertMetrics(Rows.points(100, 10));
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(dual.status().needsBackfill()).isTrue();
        }
        assertThatThrownBy(() -> DualMetricsStore.open(config.swapped(), OpenMode.CONFIGURED).close())
                .isInstanceOf(MetricsStoreException.class).hasMessageContaining("would lose data")
                .hasMessageContaining("backfill");
    }
}
