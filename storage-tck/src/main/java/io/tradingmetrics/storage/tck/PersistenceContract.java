package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What is left of a store's data once it is closed and its database opened again, as after a restart. */
public abstract class PersistenceContract extends StoreContract {

    protected PersistenceContract(StoreFixture fixture) {
        super(fixture);
    }

    @Test
    @DisplayName("everything written is there after closing and opening again (a store that is not PERSISTENT starts"
            + " empty)")
    void reopenedStoreHasEverything() {
        insert(data.shuffled(data.points(2_000, BASE, Duration.ofDays(2))));
        upsertCandles(data.candles(500, BASE, Duration.ofMinutes(1)));
        upsertPerformance(data.snapshots(48, BASE, Duration.ofHours(1)));

        MetricsStore reopened = reopen();

        if (!has(StoreCapability.PERSISTENT)) {
            for (StoreTable table : StoreTable.values()) {
                assertThat(reopened.count(table, TimeRange.all())).as(table.tableName()).isZero();
            }
            return;
        }
        for (StoreTable table : StoreTable.values()) {
            assertThat(reopened.count(table, TimeRange.all())).as(table.tableName())
                    .isEqualTo(model.count(table, TimeRange.all()));
        }
        MetricQuery prices = MetricQuery.of("price", TimeRange.all()).withLimit(100_000);
        assertThat(reopened.queryMetrics(prices)).containsExactlyElementsOf(model.queryMetrics(prices));
        assertThat(reopened.latest(LatestQuery.all())).containsExactlyElementsOf(model.latest(LatestQuery.all()));
        assertThat(reopened.candles(CandleQuery.of(TimeRange.all())))
                .containsExactlyElementsOf(model.candles(CandleQuery.of(TimeRange.all())));
        assertThat(reopened.performanceHistory(TimeRange.all()))
                .containsExactlyElementsOf(model.performanceHistory(TimeRange.all()));
        assertThat(reopened.schemaInfo().isUpToDate()).isTrue();
    }

    @Test
    @DisplayName("a store opened again takes writes, and its upserts replace the rows written before it was closed")
    void reopenedStoreTakesWrites() {
        List<Candle> candles = data.candles(200, BASE, Duration.ofMinutes(1));
        upsertCandles(candles);
        insert(List.of(MetricPoint.of(BASE, "price", 1, "AAPL")));

        reopen();
        if (!has(StoreCapability.PERSISTENT)) {
            for (StoreTable table : StoreTable.values()) {
                model.deleteRange(table, TimeRange.all());
            }
        }
        Candle first = candles.get(0);
        upsertCandles(List.of(new Candle(first.timestamp(), first.symbol(), 7, 9, 6, 8, 70)));
        insert(List.of(MetricPoint.of(BASE.plusSeconds(1), "price", 2, "AAPL")));

        assertThat(store().candles(CandleQuery.of(TimeRange.all())))
                .containsExactlyElementsOf(model.candles(CandleQuery.of(TimeRange.all())));
        MetricQuery prices = MetricQuery.of("price", TimeRange.all());
        assertThat(store().queryMetrics(prices)).containsExactlyElementsOf(model.queryMetrics(prices));
    }
}
