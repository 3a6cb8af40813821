package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches large enough for the scan insert ({@link DuckDbBulkWriter#SCAN_MIN_POINTS} and more): every value survives,
 * with dictionaries and without, rows stream back in the order they were inserted, and a batch that fails while
 * DuckDB reads it leaves nothing behind.
 */
class ScanInsertTest {
    static final int ROWS = DuckDbBulkWriter.SCAN_MIN_POINTS * 2;
    static final double[] EDGE_VALUES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 1e-300, 123456.789012345678};
    static final Instant[] EDGE_INSTANTS = {
            Timestamps.MIN, Instant.parse("1500-03-01T12:34:56.123456Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
            Instant.EPOCH, Instant.parse("1970-01-01T00:00:00.000001Z"), Instant.parse("2026-03-29T01:30:00.5Z"),
            Instant.parse("2026-11-24T10:15:30.123456Z"), Timestamps.MAX.minusNanos(1_000)};
    static final Comparator<MetricPoint> ORDER = Comparator.comparing(MetricPoint::timestamp)
            .thenComparing(MetricPoint::metricName)
            .thenComparing(p -> Double.doubleToRawLongBits(p.value()))
            .thenComparing(p -> p.symbol().orElse(""))
            .thenComparing(p -> p.labels().toString());

    @TempDir
    Path folder;

    private DuckDbMetricsStore fileStore() {
        return DuckDbMetricsStore.open(DuckDbStoreConfig.of(folder.resolve("scan.duckdb").toString()));
    }

    /** Few distinct texts: names, symbols and labels travel as dictionaries. */
    @Test
    void edgeValuesSurviveTheDictionaryEncodedInsert() {
        List<MetricPoint> points = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            Instant at = EDGE_INSTANTS[i % EDGE_INSTANTS.length];
            double value = EDGE_VALUES[i % EDGE_VALUES.length];
            Optional<String> symbol = i % 3 == 0 ? Optional.empty() : Optional.of(i % 3 == 1 ? "BTC/USDT" : "ünï 📈 '\"");
            Map<String, String> labels = switch (i % 4) {
                case 0 -> Map.of();
                case 1 -> Map.of("venue", "binance");
                case 2 -> Map.of("q\"uote", "v\"1", "dot.key", "a.b", "it's", "'quoted'");
                default -> Map.of("ünïcødé", "日本語 😀", "back\\slash", "\\", "empty", "");
            };
            points.add(new MetricPoint(at, i % 5 == 0 ? "metric 'name' \"quoted\"" : "price", value, symbol, labels));
        }
        assertStoredExactly(points);
    }

    /** Every text distinct: no dictionary pays, every column goes as text per row. */
    @Test
    void distinctTextsInEveryRowSurviveThePlainInsert() {
        Instant start = Instant.parse("2026-11-24T00:00:00Z");
        List<MetricPoint> points = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            Optional<String> symbol = i % 7 == 0 ? Optional.empty() : Optional.of("SYM-" + i);
            points.add(new MetricPoint(start.plusMillis(i), "metric_" + i, i * 0.25, symbol,
                    Map.of("order", "o-" + i, "venue", i % 2 == 0 ? "binance" : "kraken")));
        }
        assertStoredExactly(points);
    }

    /** Several batches of points in time order: a time-ordered stream returns them exactly as inserted. */
    @Test
    void pointsStreamBackInTheOrderOfTheirTimestamps() {
        Instant start = Instant.parse("2026-11-24T00:00:00Z");
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 3 * ROWS; i++) {
            points.add(MetricPoint.of(start.plusMillis(i), "price", i, "SYM" + i % 7, Map.of("venue", "v" + i % 3)));
        }
        try (DuckDbMetricsStore store = fileStore()) {
            for (int from = 0; from < points.size(); from += ROWS + 1) {
                store.insertMetrics(points.subList(from, Math.min(points.size(), from + ROWS + 1)));
            }
            try (Stream<MetricPoint> stream = store.streamMetrics(TimeRange.all())) {
                assertThat(stream.toList()).containsExactlyElementsOf(points);
            }
        }
    }

    @Test
    void aListWithoutRandomAccessIsInsertedWhole() {
        Instant start = Instant.parse("2026-11-24T00:00:00Z");
        List<MetricPoint> points = new LinkedList<>();
        for (int i = 0; i < ROWS; i++) {
            points.add(MetricPoint.of(start.plusMillis(i), "price", i, "BTC"));
        }
        assertStoredExactly(points);
    }

    /**
     * The batch's list throws when one of its middle elements is read for the n-th time, for every n: the first
     * reads validate the batch, later ones happen while DuckDB's threads are inserting it. Whichever read fails,
     * the list's own exception reaches the caller and not one of the batch's points is stored.
     */
    @Test
    void aBatchThatFailsWhileBeingInsertedStoresNothing() {
        Instant start = Instant.parse("2026-11-24T00:00:00Z");
        List<MetricPoint> points = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            points.add(MetricPoint.of(start.plusMillis(i), "price", i, "BTC", Map.of("venue", "binance")));
        }
        try (DuckDbMetricsStore store = fileStore()) {
            store.insertMetric(MetricPoint.of(start, "kept", 1));
            int failures = 0;
            for (int failingRead = 1; failingRead <= 6; failingRead++) {
                FailingList list = new FailingList(points, ROWS * 3 / 4, failingRead);
                long before = store.count(StoreTable.TRADING_METRICS, TimeRange.all());
                try {
                    store.insertMetrics(list);
                    assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(before + ROWS);
                } catch (IllegalStateException e) {
                    assertThat(e).hasMessage(FailingList.MESSAGE);
                    assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(before);
                    failures++;
                }
            }
            // The store reads each element four times: to validate, to encode, on DuckDB's threads to insert, and to
            // find the newest point of each series for the series catalogue (after the insert, in its transaction).
            assertThat(failures).as("failures at the validating read, at reads during the insert and after it")
                    .isEqualTo(4);
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.of(start, start.plusSeconds(3_600))))
                    .isEqualTo(1 + (long) (6 - failures) * ROWS);
        }
    }

    @Test
    void concurrentLargeBatchesAllArrive() throws Exception {
        Instant start = Instant.parse("2026-11-24T00:00:00Z");
        int writers = 3;
        int batchesEach = 2;
        try (DuckDbMetricsStore store = fileStore()) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String metric = "writer_" + w;
                    done.add(pool.submit(() -> {
                        for (int b = 0; b < batchesEach; b++) {
                            List<MetricPoint> batch = new ArrayList<>(ROWS);
                            for (int i = 0; i < ROWS; i++) {
                                batch.add(MetricPoint.of(start.plusMillis((long) b * ROWS + i), metric, i, "ETH"));
                            }
                            store.insertMetrics(batch);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                    .isEqualTo((long) writers * batchesEach * ROWS);
        }
    }

    private void assertStoredExactly(List<MetricPoint> points) {
        try (DuckDbMetricsStore store = fileStore()) {
            assertThat(store.insertMetrics(points)).isEqualTo(points.size());
            List<MetricPoint> stored;
            try (Stream<MetricPoint> stream = store.streamMetrics(TimeRange.all())) {
                stored = new ArrayList<>(stream.toList());
            }
            List<MetricPoint> expected = new ArrayList<>(points);
            expected.sort(ORDER);
            stored.sort(ORDER);
            assertThat(stored).containsExactlyElementsOf(expected);
        }
    }

    /** A list whose element at one index throws on its n-th read, as a list backed by failing I/O might. */
    private static final class FailingList extends AbstractList<MetricPoint> implements RandomAccess {
        static final String MESSAGE = "the source of the batch failed";
        private final List<MetricPoint> points;
        private final int failingIndex;
        private final int failingRead;
        private final AtomicInteger reads = new AtomicInteger();

        FailingList(List<MetricPoint> points, int failingIndex, int failingRead) {
            this.points = points;
            this.failingIndex = failingIndex;
            this.failingRead = failingRead;
        }

        @Override
        public MetricPoint get(int index) {
            if (index == failingIndex && reads.incrementAndGet() == failingRead) {
                throw new IllegalStateException(MESSAGE);
            }
            return points.get(index);
        }

        @Override
        public int size() {
            return points.size();
        }
    }
}
