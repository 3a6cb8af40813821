package io.tradingmetrics.storage.dual;

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

/** A full outbox does what on-outbox-full says, loudly, and loses nothing either way. */
class OutboxFullTest {
    @TempDir
    Path folder;

    private DualStoreConfig config(String onFull) {
        return DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("p.duckdb")),
                DualStores.duckdb(folder.resolve("s.duckdb")), folder.resolve("outbox"),
                "outbox.max-bytes", "1MiB", "outbox.segment-bytes", "128KiB", "on-outbox-full", onFull));
    }

    @Test
    void failWritesRefusesTheAppsWriteStoringNothingUntilTheOutboxDrains() {
        DualStoreConfig config = config("fail-writes");
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            dual.insertMetrics(Rows.points(0, 10));
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            int written = 0;
            try (SecondaryHold hold = SecondaryHold.acquire(config.outboxDirectory(), "test", Duration.ofSeconds(30))) {
                while (true) {
                    try {
                        dual.insertMetrics(Rows.points(10 + written * 1000, 1000));
                        written++;
                    } catch (DualOutboxFullException e) {
                        assertThat(e).hasMessageContaining("nothing stored").hasMessageContaining("is full")
                                .hasMessageContaining("on-outbox-full = stop-mirroring");
                        break;
                    }
                    assertThat(written).as("the outbox is bounded").isLessThan(1000);
                }
                assertThat(dual.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                        .as("the refused write stored nothing").isEqualTo(10 + written * 1000L);
                assertThat(dual.status().mirroring()).isTrue();
                assertThat(dual.status().held()).get().asString().contains("test");
            }
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).as("%s", dual.status()).isTrue();
            dual.insertMetrics(Rows.points(10 + written * 1000, 1000));
            DualStores.assertMirrored(dual);
        }
    }

    @Test
    void stopMirroringKeepsWritingToThePrimaryAndCopiesWhatTheSecondaryMissedOnceItIsBack() {
        DualStoreConfig config = config("stop-mirroring");
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            dual.insertMetrics(Rows.points(0, 10));
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            try (SecondaryHold hold = SecondaryHold.acquire(config.outboxDirectory(), "test", Duration.ofSeconds(30))) {
                for (int i = 0; i < 150; i++) {
                    dual.insertMetrics(Rows.points(10 + i * 1000, 1000));
                }
                dual.upsertCandles(List.of(Rows.candle(5, 42)));
                dual.deleteRange(StoreTable.TRADING_METRICS, TimeRange.of(Rows.T0, Rows.T0.plusMillis(5)));
                DualStatus stopped = dual.status();
                assertThat(stopped.mirroring()).as("mirroring stopped").isFalse();
                assertThat(stopped.stoppedSince()).isPresent();
                assertThat(stopped.needsCatchUp()).isTrue();
                assertThat(dual.health().details().get("mirroring")).startsWith("STOPPED since");
                DualStatus onDisk = DualState.read(config.outboxDirectory()).orElseThrow();
                assertThat(onDisk.mirroring()).as("durably marked").isFalse();
                assertThat(onDisk.tables().get(0).catchUpFrom()).isPresent();
            }
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(120))).as("%s", dual.status()).isTrue();
            DualStatus resumed = dual.status();
            assertThat(resumed.mirroring()).isTrue();
            assertThat(resumed.needsCatchUp()).isFalse();
            dual.insertMetrics(Rows.points(100_000, 1000));
            DualStores.assertMirrored(dual);
        }
    }
}
