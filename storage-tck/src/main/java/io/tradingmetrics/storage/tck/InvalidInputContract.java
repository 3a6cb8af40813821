package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Input that is refused with a clear error, and a refused write that loses nothing and stores nothing. */
public abstract class InvalidInputContract extends StoreContract {

    protected InvalidInputContract(StoreFixture fixture) {
        super(fixture);
    }

    @Test
    @DisplayName("a query limit of 0 is refused with an InvalidInputException naming the limit")
    void zeroLimit() {
        assertThatThrownBy(() -> store().queryMetrics(MetricQuery.of("price", TimeRange.all()).withLimit(0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit 0");
    }

    @Test
    @DisplayName("a range ending before it starts is refused with an InvalidInputException that says how to fix it")
    void rangeEndBeforeStart() {
        assertThatThrownBy(() -> store().streamMetrics(TimeRange.of(BASE, BASE.minusSeconds(1))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("before its start");
    }

    @Test
    @DisplayName("timestamps outside years 1 to 9999 are refused before they reach the store")
    void timestampOutOfRange() {
        assertThatThrownBy(() -> store().insertMetric(MetricPoint.of(Instant.parse("+10000-01-01T00:00:00Z"), "p", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside the supported range");
        assertThatThrownBy(() -> store().insertMetric(MetricPoint.of(Instant.parse("-0001-12-31T23:59:59Z"), "p", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside the supported range");
        assertThat(store().count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();
    }

    @Test
    @DisplayName("a metric batch with a null element stores none of its points and keeps what was stored before")
    void rejectedMetricBatchStoresNothing() {
        List<MetricPoint> stored = data.points(500, BASE, Duration.ofHours(1));
        insert(stored);
        // The bad element comes last, after thousands of good ones a bulk loader may already have sent.
        List<MetricPoint> batch = new ArrayList<>(data.points(5_000, BASE.plus(Duration.ofDays(1)), Duration.ofHours(1)));
        batch.add(null);

        assertThatThrownBy(() -> store().insertMetrics(batch))
                .isInstanceOfAny(NullPointerException.class, MetricsStoreException.class);

        assertThat(store().count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(stored.size());
        MetricQuery query = MetricQuery.of("price", TimeRange.all()).withLimit(10_000);
        assertThat(store().queryMetrics(query)).containsExactlyElementsOf(model.queryMetrics(query));
        insert(List.of(MetricPoint.of(BASE.minusSeconds(1), "price", 3, "AAPL")));
        assertThat(store().queryMetrics(query)).as("the store still takes writes")
                .containsExactlyElementsOf(model.queryMetrics(query));
    }

    @Test
    @DisplayName("a candle batch with a null element changes no stored candle and stores none of its own")
    void rejectedCandleBatchStoresNothing() {
        List<Candle> stored = data.candles(100, BASE, Duration.ofMinutes(1));
        upsertCandles(stored);
        List<Candle> batch = new ArrayList<>();
        // Replacements of stored keys and new keys, then the bad element.
        stored.subList(0, 50).forEach(c -> batch.add(new Candle(c.timestamp(), c.symbol(), 1, 1, 1, 1, 1)));
        batch.addAll(data.candles(100, BASE.plus(Duration.ofDays(1)), Duration.ofMinutes(1)));
        batch.add(null);

        assertThatThrownBy(() -> store().upsertCandles(batch))
                .isInstanceOfAny(NullPointerException.class, MetricsStoreException.class);

        assertThat(store().candles(CandleQuery.of(TimeRange.all())))
                .containsExactlyElementsOf(model.candles(CandleQuery.of(TimeRange.all())));
    }

    @Test
    @DisplayName("a snapshot batch with a null element changes no stored snapshot and stores none of its own")
    void rejectedSnapshotBatchStoresNothing() {
        List<PerformanceSnapshot> stored = data.snapshots(50, BASE, Duration.ofHours(1));
        upsertPerformance(stored);
        List<PerformanceSnapshot> batch = new ArrayList<>(Arrays.asList(
                PerformanceSnapshot.of(stored.get(3).timestamp(), 1, 1, 1, -1, 1, 1),
                PerformanceSnapshot.of(BASE.minus(Duration.ofDays(1)), 1, 1, 1, -1, 1, 1),
                null));

        assertThatThrownBy(() -> store().upsertPerformance(batch))
                .isInstanceOfAny(NullPointerException.class, MetricsStoreException.class);

        assertThat(store().performanceHistory(TimeRange.all()))
                .containsExactlyElementsOf(model.performanceHistory(TimeRange.all()));
    }

    @Test
    @DisplayName("invalid values are refused with a message naming the problem: blank names, NUL characters, bad candles")
    void invalidValuesNameTheProblem() {
        assertThatThrownBy(() -> MetricPoint.of(BASE, " ", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("metric name");
        assertThatThrownBy(() -> MetricPoint.of(BASE, "p", 1, "A\0B")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> new MetricPoint(BASE, "p", 1, Optional.empty(), Map.of("k", "v\0")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> new Candle(BASE, "AAPL", 1, 1, 2, 1, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("below low");
        assertThatThrownBy(() -> new Candle(BASE, "AAPL", 1, 2, 1, 1, -1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("negative volume");
    }
}
