package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bulk reads that stream rows in ascending time order. */
public abstract class StreamingContract extends StoreContract {

    protected StreamingContract(StoreFixture fixture) {
        super(fixture);
    }

    @Test
    @DisplayName("streamMetrics gives every point of the range, oldest first")
    void metricsAscending() {
        insert(data.shuffled(data.points(3_000, BASE, Duration.ofDays(1))));
        TimeRange range = TimeRange.of(BASE.plus(Duration.ofHours(3)), BASE.plus(Duration.ofHours(21)));

        try (Stream<MetricPoint> stream = store().streamMetrics(range)) {
            assertThat(stream.toList()).containsExactlyElementsOf(model.streamMetrics(range));
        }
        try (Stream<MetricPoint> stream = store().streamMetrics(TimeRange.all())) {
            assertThat(stream.toList()).containsExactlyElementsOf(model.streamMetrics(TimeRange.all()));
        }
    }

    @Test
    @DisplayName("what the caller's own code throws inside a stream reaches it as it is, and the store goes on")
    void callersExceptionPassesThrough() {
        insert(data.points(100, BASE, Duration.ofHours(1)));
        upsertCandles(data.candles(10, BASE, Duration.ofMinutes(1)));
        IllegalArgumentException own = new IllegalArgumentException("the caller's own check failed");
        try (Stream<MetricPoint> stream = store().streamMetrics(TimeRange.all())) {
            assertThatThrownBy(() -> stream.forEach(point -> {
                throw own;
            })).isSameAs(own);
        }
        try (Stream<Candle> stream = store().streamCandles(TimeRange.all())) {
            assertThatThrownBy(() -> stream.map(candle -> {
                throw own;
            }).toList()).isSameAs(own);
        }
        assertThat(store().count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(100);
    }

    @Test
    @DisplayName("streams honour half-open bounds: the row at the start is in, the row at the end is out")
    void streamBounds() {
        Instant from = BASE.plusSeconds(10);
        Instant to = BASE.plusSeconds(20);
        for (Instant at : List.of(from.minusNanos(1_000), from, to.minusNanos(1_000), to)) {
            insert(List.of(MetricPoint.of(at, "tick", 1)));
            upsertCandles(List.of(new Candle(at, "AAPL", 1, 2, 0.5, 1.5, 3)));
            upsertPerformance(List.of(PerformanceSnapshot.of(at, 100, 1, 1, -0.1, 0.5, 2)));
        }
        TimeRange range = TimeRange.of(from, to);

        try (Stream<MetricPoint> stream = store().streamMetrics(range)) {
            assertThat(stream.map(MetricPoint::timestamp).toList()).containsExactly(from, to.minusNanos(1_000));
        }
        try (Stream<Candle> stream = store().streamCandles(range)) {
            assertThat(stream.map(Candle::timestamp).toList()).containsExactly(from, to.minusNanos(1_000));
        }
        try (Stream<PerformanceSnapshot> stream = store().streamPerformance(range)) {
            assertThat(stream.map(PerformanceSnapshot::timestamp).toList()).containsExactly(from, to.minusNanos(1_000));
        }
        try (Stream<MetricPoint> stream = store().streamMetrics(TimeRange.of(from, from))) {
            assertThat(stream.count()).as("an empty range").isZero();
        }
    }

    @Test
    @DisplayName("streamCandles gives every candle of the range in ascending time order")
    void candlesAscending() {
        List<Candle> candles = data.candles(500, BASE, Duration.ofMinutes(1));
        upsertCandles(data.shuffled(candles));
        TimeRange range = TimeRange.of(BASE.plus(Duration.ofMinutes(20)), BASE.plus(Duration.ofMinutes(300)));

        try (Stream<Candle> stream = store().streamCandles(range)) {
            List<Candle> streamed = stream.toList();
            assertThat(streamed).extracting(Candle::timestamp).isSorted();
            // Candles sharing a timestamp may come in any symbol order.
            List<Candle> bySymbol = new ArrayList<>(streamed);
            bySymbol.sort(Comparator.comparing(Candle::timestamp).thenComparing(Candle::symbol));
            assertThat(bySymbol).containsExactlyElementsOf(model.streamCandles(range));
        }
    }

    @Test
    @DisplayName("streamPerformance gives every snapshot of the range, oldest first")
    void performanceAscending() {
        upsertPerformance(data.shuffled(data.snapshots(500, BASE, Duration.ofMinutes(10))));
        TimeRange range = TimeRange.of(BASE.plus(Duration.ofHours(10)), BASE.plus(Duration.ofHours(50)));

        try (Stream<PerformanceSnapshot> stream = store().streamPerformance(range)) {
            assertThat(stream.toList()).containsExactlyElementsOf(model.performanceHistory(range));
        }
    }

    /** The i-th point of the large table: regenerated on demand, so the test never holds the table either. */
    private static MetricPoint largeTablePoint(int i) {
        return new MetricPoint(BASE.plusMillis(i), i % 2 == 0 ? "price" : "volume", i % 1_000,
                i % 5 == 0 ? Optional.empty() : Optional.of("SYM" + (char) ('A' + i % 7)),
                i % 3 == 0 ? Map.of() : Map.of("venue", "v" + i % 4));
    }

    @Test
    @DisplayName("a table of a few hundred thousand rows streams completely, in order, one row at a time")
    void largeTableStreams() {
        int rows = settings().largeTableRows();
        int batch = 20_000;
        for (int from = 0; from < rows; from += batch) {
            List<MetricPoint> points = new ArrayList<>(batch);
            for (int i = from; i < Math.min(rows, from + batch); i++) {
                points.add(largeTablePoint(i));
            }
            assertThat(store().insertMetrics(points)).isEqualTo(points.size());
        }
        assertThat(store().count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(rows);

        // Compared row by row while streaming: nothing is collected, so the stream alone decides the memory used.
        long[] seen = {0};
        try (Stream<MetricPoint> stream = store().streamMetrics(TimeRange.all())) {
            stream.forEach(point -> {
                MetricPoint expected = largeTablePoint((int) seen[0]);
                if (!point.equals(expected)) {
                    assertThat(point).as("row " + seen[0]).isEqualTo(expected);
                }
                seen[0]++;
            });
        }
        assertThat(seen[0]).isEqualTo(rows);

        int lastThird = rows - rows / 3;
        TimeRange tail = TimeRange.of(BASE.plusMillis(lastThird), BASE.plusMillis(rows));
        try (Stream<MetricPoint> stream = store().streamMetrics(tail)) {
            assertThat(stream.count()).isEqualTo(rows - lastThird);
        }
    }

    @Test
    @DisplayName("streams closed before their end release the store: it keeps answering after many of them")
    void closingPartlyReadStreams() {
        insert(data.points(2_000, BASE, Duration.ofHours(2)));
        for (int i = 0; i < 50; i++) {
            try (Stream<MetricPoint> stream = store().streamMetrics(TimeRange.all())) {
                Iterator<MetricPoint> iterator = stream.iterator();
                assertThat(iterator.next()).isEqualTo(model.streamMetrics(TimeRange.all()).get(0));
            }
            try (Stream<Candle> candles = store().streamCandles(TimeRange.all());
                 Stream<PerformanceSnapshot> snapshots = store().streamPerformance(TimeRange.all())) {
                assertThat(candles.findFirst()).isEmpty();
                assertThat(snapshots.findFirst()).isEmpty();
            }
        }

        insert(List.of(MetricPoint.of(BASE.minusSeconds(1), "price", 1, "AAPL")));
        MetricQuery query = MetricQuery.of("price", TimeRange.all()).withLimit(5_000);
        assertThat(store().queryMetrics(query)).containsExactlyElementsOf(model.queryMetrics(query));
    }
}
