package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.tck.support.MarketData;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes of every kind, read back unchanged. */
public abstract class WritesContract extends StoreContract {

    protected WritesContract(StoreFixture fixture) {
        super(fixture);
    }

    @Test
    @DisplayName("insertMetrics reports every point written and each reads back unchanged, labels and symbol included")
    void insertedPointsReadBackUnchanged() {
        List<MetricPoint> points = data.points(600, BASE, Duration.ofHours(6));
        insert(data.shuffled(points));

        for (String metric : MarketData.METRICS) {
            MetricQuery query = MetricQuery.of(metric, TimeRange.all()).withLimit(10_000);
            assertThat(store().queryMetrics(query)).as(metric).containsExactlyElementsOf(model.queryMetrics(query));
        }
        assertThat(store().count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(points.size());
    }

    @Test
    @DisplayName("insertMetric stores a single point")
    void singlePointIsStored() {
        MetricPoint point = MetricPoint.of(BASE, "price", 101.25, "AAPL", Map.of("venue", "nyse"));
        store().insertMetric(point);

        assertThat(store().queryMetrics(MetricQuery.of("price", TimeRange.all()))).containsExactly(point);
    }

    @Test
    @DisplayName("the same point written twice is stored twice: points are not deduplicated")
    void duplicatePointsAreKept() {
        MetricPoint point = MetricPoint.of(BASE, "price", 99.5, "MSFT");
        insert(List.of(point, point));
        insert(List.of(point));

        assertThat(store().queryMetrics(MetricQuery.of("price", TimeRange.all()))).containsExactly(point, point, point);
        assertThat(store().count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(3);
    }

    @Test
    @DisplayName("empty batches write nothing and report zero")
    void emptyBatchesWriteNothing() {
        assertThat(store().insertMetrics(List.of())).isZero();
        assertThat(store().upsertCandles(List.of())).isZero();
        assertThat(store().upsertPerformance(List.of())).isZero();

        for (StoreTable table : StoreTable.values()) {
            assertThat(store().count(table, TimeRange.all())).as(table.tableName()).isZero();
        }
    }

    @Test
    @DisplayName("upsertCandles reports the candles written and each reads back unchanged")
    void candlesReadBackUnchanged() {
        List<Candle> candles = data.candles(50, BASE, Duration.ofMinutes(1));
        assertThat(store().upsertCandles(data.shuffled(candles))).isEqualTo(candles.size());
        model.upsertCandles(candles);

        assertThat(store().candles(CandleQuery.of(TimeRange.all())))
                .containsExactlyElementsOf(model.candles(CandleQuery.of(TimeRange.all())));
    }

    @Test
    @DisplayName("a candle of a stored (timestamp, symbol) replaces it; other symbols at that time stay")
    void candleUpsertReplacesSameKey() {
        Candle apple = new Candle(BASE, "AAPL", 10, 12, 9, 11, 100);
        Candle microsoft = new Candle(BASE, "MSFT", 20, 22, 19, 21, 200);
        upsertCandles(List.of(apple, microsoft));
        Candle appleAgain = new Candle(BASE, "AAPL", 10.5, 13, 8.5, 12.5, 150);
        store().upsertCandle(appleAgain);
        model.upsertCandles(List.of(appleAgain));

        assertThat(store().candles(CandleQuery.of(TimeRange.all()))).containsExactly(appleAgain, microsoft);
    }

    @Test
    @DisplayName("when a candle key repeats within one batch the last occurrence wins and is counted once")
    void candleBatchLastOccurrenceWins() {
        Candle first = new Candle(BASE, "BTCUSD", 1, 2, 0.5, 1.5, 10);
        Candle other = new Candle(BASE.plusSeconds(60), "BTCUSD", 3, 4, 2.5, 3.5, 30);
        Candle last = new Candle(BASE, "BTCUSD", 5, 6, 4.5, 5.5, 50);

        assertThat(store().upsertCandles(List.of(first, other, last))).isEqualTo(2);
        assertThat(store().candles(CandleQuery.of(TimeRange.all()))).containsExactly(last, other);
    }

    @Test
    @DisplayName("snapshots read back unchanged, with missing optional figures still missing")
    void snapshotsReadBackUnchanged() {
        PerformanceSnapshot full = PerformanceSnapshot.of(BASE, 100_000.5, -250.25, 1.3, -0.08, 0.55, 42);
        PerformanceSnapshot bare = new PerformanceSnapshot(BASE.plusSeconds(3600), 99_750.25, -250.25,
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty());
        PerformanceSnapshot zeroes = PerformanceSnapshot.of(BASE.plusSeconds(7200), 0.0, 0.0, 0.0, 0.0, 0.0, 0);

        assertThat(store().upsertPerformance(List.of(zeroes, full, bare))).isEqualTo(3);
        assertThat(store().performanceHistory(TimeRange.all())).containsExactly(full, bare, zeroes);
    }

    @Test
    @DisplayName("writes of many batches add up: every batch's points are there")
    void manyBatchesAddUp() {
        List<MetricPoint> points = data.points(1_000, BASE, Duration.ofDays(1));
        for (int from = 0; from < points.size(); from += 100) {
            insert(points.subList(from, from + 100));
        }

        MetricQuery query = MetricQuery.of("price", TimeRange.all()).withLimit(1_000);
        assertThat(store().queryMetrics(query)).containsExactlyElementsOf(model.queryMetrics(query));
        assertThat(store().count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1_000);
    }

    @Test
    @DisplayName("a point without symbol reads back without symbol and one with labels keeps exactly its labels")
    void symbolAndLabelsRoundTrip() {
        MetricPoint bare = MetricPoint.of(BASE, "equity", 5.0);
        MetricPoint labelled = new MetricPoint(BASE.plusMillis(1), "equity", 6.0, Optional.empty(),
                Map.of("account", "main", "currency", "usd"));
        insert(List.of(bare, labelled));

        assertThat(store().queryMetrics(MetricQuery.of("equity", TimeRange.all()))).containsExactly(labelled, bare);
    }
}
