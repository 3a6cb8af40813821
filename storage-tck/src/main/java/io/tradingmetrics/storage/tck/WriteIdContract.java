package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes with a caller's {@link WriteId}: a repeated id stores nothing (what makes a retry after an ambiguous failure
 * exactly-once), distinct ids store their batches, and a late retry of an upsert does not overwrite newer rows.
 */
public abstract class WriteIdContract extends StoreContract {

    protected WriteIdContract(StoreFixture fixture) {
        super(fixture);
    }

    private static List<MetricPoint> points(int count, String batch) {
        List<MetricPoint> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(MetricPoint.of(BASE.plusMillis(i), "price", i, "BTC", Map.of("batch", batch)));
        }
        return points;
    }

    @Test
    @DisplayName("a batch written again with the same write id is stored once, and both calls report it whole")
    void sameIdStoresOnce() {
        MetricsStore store = store();
        WriteId id = WriteId.random();
        List<MetricPoint> batch = points(10_000, "a");
        assertThat(store.insertMetrics(batch, id)).isEqualTo(10_000);
        assertThat(store.insertMetrics(batch, id)).isEqualTo(10_000);
        assertThat(store.insertMetrics(points(3, "a"), id)).as("the id decides, not the rows").isEqualTo(3);
        assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(10_000);
    }

    @Test
    @DisplayName("the same batch under two write ids, or without one, is stored each time")
    void distinctIdsStoreEachTime() {
        MetricsStore store = store();
        List<MetricPoint> batch = points(5, "b");
        store.insertMetrics(batch, WriteId.random());
        store.insertMetrics(batch, WriteId.random());
        store.insertMetrics(batch);
        assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(15);
    }

    @Test
    @DisplayName("a late retry of an upsert that had committed leaves the newer candles and snapshots alone")
    void lateUpsertRetryIsNoOp() {
        MetricsStore store = store();
        WriteId first = WriteId.random();
        Candle old = new Candle(BASE, "BTC", 1, 2, 0.5, 1.5, 10);
        Candle newer = new Candle(BASE, "BTC", 3, 4, 2.5, 3.5, 20);
        store.upsertCandles(List.of(old), first);
        store.upsertCandles(List.of(newer));
        assertThat(store.upsertCandles(List.of(old), first)).isEqualTo(1);
        assertThat(store.candles(CandleQuery.of(TimeRange.all()))).containsExactly(newer);

        WriteId snapshotWrite = WriteId.random();
        PerformanceSnapshot before = PerformanceSnapshot.of(BASE, 100, 1, 0, 0, 0, 1);
        PerformanceSnapshot after = PerformanceSnapshot.of(BASE, 200, 2, 0, 0, 0, 2);
        store.upsertPerformance(List.of(before), snapshotWrite);
        store.upsertPerformance(List.of(after));
        store.upsertPerformance(List.of(before), snapshotWrite);
        assertThat(store.performanceHistory(TimeRange.all())).containsExactly(after);
    }

    @Test
    @DisplayName("an id used for one kind of write makes a second write of another kind with it a no-op too")
    void oneIdOneWrite() {
        MetricsStore store = store();
        WriteId id = WriteId.random();
        store.insertMetrics(points(2, "c"), id);
        assertThat(store.upsertCandles(List.of(new Candle(BASE, "BTC", 1, 1, 1, 1, 1)), id)).isEqualTo(1);
        assertThat(store.count(StoreTable.CANDLES, TimeRange.all())).isZero();
    }
}
