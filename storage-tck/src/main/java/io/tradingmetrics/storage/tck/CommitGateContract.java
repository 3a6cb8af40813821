package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;
import io.tradingmetrics.storage.spi.CommitGatedWrites;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Gated writes ({@link CommitGatedWrites}), for a store that offers them: the gate runs once the rows are written and
 * before any reader can see them, and a gate that throws stores nothing. The dual store relies on both: its outbox
 * record must be on disk before its primary's write can be seen or survive a crash.
 */
public abstract class CommitGateContract extends StoreContract {

    protected CommitGateContract(StoreFixture fixture) {
        super(fixture);
    }

    private CommitGatedWrites gated() {
        MetricsStore store = store();
        assumeTrue(store instanceof CommitGatedWrites, "the store does not offer gated writes");
        return (CommitGatedWrites) store;
    }

    private static List<MetricPoint> points(int count) {
        List<MetricPoint> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(MetricPoint.of(BASE.plusSeconds(i), "price", i, "BTC", Map.of("gate", "yes")));
        }
        return points;
    }

    @Test
    @DisplayName("each kind of gated write runs its gate before a reader can see its rows, and commits after it")
    void gateRunsBeforeTheRowsCanBeSeen() {
        CommitGatedWrites gated = gated();
        MetricsStore store = store();
        List<Map<StoreTable, Long>> seenInGates = new ArrayList<>();
        Runnable countRows = () -> {
            Map<StoreTable, Long> seen = new EnumMap<>(StoreTable.class);
            for (StoreTable table : StoreTable.values()) {
                seen.put(table, store.count(table, TimeRange.all()));
            }
            seenInGates.add(seen);
        };

        assertThat(gated.insertMetrics(points(1_000), WriteId.random(), countRows)).isEqualTo(1_000);
        assertThat(gated.upsertCandles(List.of(new Candle(BASE, "BTC", 1, 2, 0.5, 1.5, 10)), WriteId.random(),
                countRows)).isEqualTo(1);
        assertThat(gated.upsertPerformance(List.of(PerformanceSnapshot.of(BASE, 100, 1, 0, 0, 0, 1)),
                WriteId.random(), countRows)).isEqualTo(1);

        assertThat(seenInGates).as("the rows a reader saw from inside each write's gate").containsExactly(
                Map.of(StoreTable.TRADING_METRICS, 0L, StoreTable.CANDLES, 0L, StoreTable.PERFORMANCE_HISTORY, 0L),
                Map.of(StoreTable.TRADING_METRICS, 1_000L, StoreTable.CANDLES, 0L, StoreTable.PERFORMANCE_HISTORY, 0L),
                Map.of(StoreTable.TRADING_METRICS, 1_000L, StoreTable.CANDLES, 1L, StoreTable.PERFORMANCE_HISTORY, 0L));
        assertThat(store.count(StoreTable.PERFORMANCE_HISTORY, TimeRange.all())).isEqualTo(1);
    }

    @Test
    @DisplayName("a gate that throws stores nothing, its exception comes out as thrown, and the store writes on")
    void throwingGateStoresNothing() {
        CommitGatedWrites gated = gated();
        MetricsStore store = store();
        IllegalStateException refused = new IllegalStateException("the gate refuses");
        Runnable refuse = () -> {
            throw refused;
        };

        assertThatThrownBy(() -> gated.insertMetrics(points(1_000), WriteId.random(), refuse)).isSameAs(refused);
        assertThatThrownBy(() -> gated.upsertCandles(List.of(new Candle(BASE, "BTC", 1, 2, 0.5, 1.5, 10)),
                WriteId.random(), refuse)).isSameAs(refused);
        assertThatThrownBy(() -> gated.upsertPerformance(List.of(PerformanceSnapshot.of(BASE, 100, 1, 0, 0, 0, 1)),
                WriteId.random(), refuse)).isSameAs(refused);
        for (StoreTable table : StoreTable.values()) {
            assertThat(store.count(table, TimeRange.all())).as(table.toString()).isZero();
        }

        WriteId retried = WriteId.random();
        assertThatThrownBy(() -> gated.insertMetrics(points(10), retried, refuse)).isSameAs(refused);
        assertThat(store.insertMetrics(points(10), retried)).as("the refused write's id was not kept").isEqualTo(10);
        assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(10);
    }
}
