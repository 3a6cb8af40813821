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

/**
 * What the outbox says the secondary has not taken yet, read from outside the store: exact while the secondary is
 * held (the mirror records where it stopped before it lets go), per table the time ranges the writes touched.
 */
class PendingWritesTest {
    @TempDir
    Path folder;

    @Test
    void theWritesAcceptedWhileTheSecondaryIsHeldAreThePendingOnesAndNoOthers() {
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("p.duckdb")),
                DualStores.duckdb(folder.resolve("s.duckdb")), folder.resolve("outbox")));
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            dual.insertMetrics(Rows.points(0, 10));
            dual.upsertCandles(List.of(Rows.candle(0, 10)));
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            PendingWrites atCut;
            try (SecondaryHold hold = SecondaryHold.acquire(config.outboxDirectory(), "test", Duration.ofSeconds(30))) {
                atCut = DualState.pendingWrites(config.outboxDirectory());
                assertThat(atCut.touched()).as("nothing after the last write the secondary took").isEmpty();
                dual.upsertCandles(List.of(Rows.candle(3, 13), Rows.candle(4, 14)));
                dual.insertMetrics(Rows.points(5000, 2));
                PendingWrites meanwhile = DualState.pendingWrites(config.outboxDirectory(), atCut.afterSeq());
                assertThat(meanwhile.lastSeq()).isEqualTo(atCut.afterSeq() + 2);
                assertThat(meanwhile.touched()).containsOnlyKeys(StoreTable.CANDLES, StoreTable.TRADING_METRICS);
                assertThat(meanwhile.touched().get(StoreTable.CANDLES)).containsExactly(TimeRange.of(
                        Rows.candle(3, 0).timestamp(), Rows.candle(4, 0).timestamp().plusNanos(1000)));
                assertThat(meanwhile.touches(StoreTable.CANDLES, Rows.candle(0, 0).timestamp())).isFalse();
                assertThat(meanwhile.touches(StoreTable.TRADING_METRICS, Rows.points(5001, 1).get(0).timestamp()))
                        .isTrue();
                assertThat(meanwhile.touches(StoreTable.TRADING_METRICS, Rows.points(9, 1).get(0).timestamp()))
                        .isFalse();
                assertThat(atCut.covers(meanwhile)).isFalse();
                assertThat(atCut.plus(meanwhile).covers(meanwhile)).isTrue();
            }
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            dual.close(); // writes the state: the secondary holds everything
            assertThat(DualState.pendingWrites(config.outboxDirectory()).touched()).isEmpty();
        }
    }
}
