package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One store shared by writer and reader threads: nothing lost, nothing doubled, and every write seen whole.
 * The threads run for a while to overlap; nothing is asserted about how long anything takes.
 */
public abstract class ConcurrencyContract extends StoreContract {
    private static final int WRITERS = 4;
    private static final int READERS = 2;
    private static final int BATCH = 50;

    protected ConcurrencyContract(StoreFixture fixture) {
        super(fixture);
    }

    /** Writer w's batch b: BATCH points with distinct timestamps, labelled so that each can be traced back. */
    private static List<MetricPoint> batch(int writer, int batch) {
        List<MetricPoint> points = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long micros = ((long) batch * BATCH + i) * WRITERS + writer;
            points.add(MetricPoint.of(BASE.plusNanos(micros * 1_000), "load", i, "W" + writer,
                    Map.of("writer", "w" + writer, "batch", "b" + batch)));
        }
        return points;
    }

    private static PerformanceSnapshot snapshot(int writer, int batch) {
        return PerformanceSnapshot.of(BASE.plusSeconds((long) batch * WRITERS + writer), batch, 1, 0, 0, 0, 1);
    }

    @Test
    @DisplayName("four writers and two readers at once: every batch stored exactly once and always seen whole")
    void writersAndReaders() throws Exception {
        MetricsStore store = store();
        Instant deadline = Instant.now().plus(settings().concurrencyDuration());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        try {
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    int batches = 0;
                    // At least a few batches each, so that the threads overlap even on a slow machine.
                    while (batches < 5 || Instant.now().isBefore(deadline)) {
                        assertThat(store.insertMetrics(batch(writer, batches))).isEqualTo(BATCH);
                        store.upsertPerformance(snapshot(writer, batches));
                        batches++;
                    }
                    return batches;
                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(reader(store, start, writers)));
            }
            start.countDown();

            int[] batchesPerWriter = new int[WRITERS];
            for (int w = 0; w < WRITERS; w++) {
                batchesPerWriter[w] = writers.get(w).get();
            }
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).as("reads done while writing").isPositive();
            }
            assertEveryBatchExactlyOnce(store, batchesPerWriter);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("writers upserting the same candle and snapshot keys at once leave exactly one row per key")
    void contendedUpserts() throws Exception {
        MetricsStore store = store();
        int rounds = 100;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < rounds; round++) {
                        // Every writer writes the same ten keys, each time with its own figures.
                        Instant at = BASE.plusSeconds(round % 10);
                        store.upsertCandles(List.of(new Candle(at, "AAPL", writer, writer + 1, writer, writer, round),
                                new Candle(at, "MSFT", writer, writer + 1, writer, writer, round)));
                        store.upsertPerformance(PerformanceSnapshot.of(at, writer, round, 0, 0, 0, writer));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.count(StoreTable.CANDLES, TimeRange.all())).isEqualTo(20);
        assertThat(store.count(StoreTable.PERFORMANCE_HISTORY, TimeRange.all())).isEqualTo(10);
        // Each surviving row is one writer's whole write, never a mix of two.
        assertThat(store.candles(CandleQuery.of(TimeRange.all())))
                .allMatch(c -> c.high() == c.open() + 1 && c.low() == c.open() && c.close() == c.open());
        assertThat(store.performanceHistory(TimeRange.all()))
                .allMatch(p -> p.totalTrades().getAsInt() == (int) p.portfolioValue());
    }

    /** Threads of {@link #sixteenThreadsUpsertOverlappingCandles}, as many as the failing report had. */
    private static final int UPSERTERS = 16;
    private static final int KEYS = 40;

    /** The candle every writer writes for a key in a round: the round decides it, so the last round's wins. */
    private static Candle candleOf(int key, int round) {
        return new Candle(BASE.plusSeconds(key / 4), "S" + (key % 4), round, round + 1, round - 1, round + 0.5, key);
    }

    @Test
    @DisplayName("sixteen threads upserting overlapping candles for a few seconds all succeed; the last round wins")
    void sixteenThreadsUpsertOverlappingCandles() throws Exception {
        MetricsStore store = store();
        Instant deadline = Instant.now().plus(settings().concurrencyDuration());
        AtomicBoolean more = new AtomicBoolean(true);
        AtomicInteger lastRound = new AtomicInteger(-1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // The barrier's action ends a round: every thread's upserts of round r are over before round r + 1 begins.
        CyclicBarrier rounds = new CyclicBarrier(UPSERTERS, () -> {
            int done = lastRound.incrementAndGet();
            more.set(done < 3 || Instant.now().isBefore(deadline));
        });
        ExecutorService pool = Executors.newFixedThreadPool(UPSERTERS);
        try {
            List<Future<Integer>> writers = new ArrayList<>();
            for (int t = 0; t < UPSERTERS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    int upserts = 0;
                    try {
                        for (int round = 0; more.get(); round++) {
                            // Each thread its own overlapping slice of the keys, in its own order, in two batches.
                            List<Candle> slice = new ArrayList<>();
                            for (int k = 0; k < KEYS * 3 / 4; k++) {
                                slice.add(candleOf((thread * 7 + k * (thread % 2 == 0 ? 1 : KEYS - 1)) % KEYS, round));
                            }
                            int half = slice.size() / 2;
                            store.upsertCandles(slice.subList(0, half));
                            store.upsertCandles(slice.subList(half, slice.size()));
                            upserts += 2;
                            rounds.await(60, TimeUnit.SECONDS);
                        }
                    } catch (RuntimeException | Error e) {
                        // The upsert's own failure is the one to report; the others only see a broken barrier.
                        failure.compareAndSet(null, e);
                        rounds.reset();
                        throw e;
                    }
                    return upserts;
                }));
            }
            for (Future<Integer> writer : writers) {
                try {
                    assertThat(writer.get()).as("upserts of one thread, every one of which succeeded").isPositive();
                } catch (ExecutionException e) {
                    throw new AssertionError("an upsert failed", failure.get() != null ? failure.get() : e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        int last = lastRound.get();
        List<Candle> expected = new ArrayList<>();
        for (int key = 0; key < KEYS; key++) {
            expected.add(candleOf(key, last));
        }
        expected.sort(Comparator.comparing(Candle::timestamp).thenComparing(Candle::symbol));
        assertThat(store.candles(CandleQuery.of(TimeRange.all()))).as("after %d rounds", last + 1)
                .containsExactlyElementsOf(expected);
    }

    /** Reads until the writers are done; each read must see whole batches only. */
    private static Callable<Integer> reader(MetricsStore store, CountDownLatch start, List<Future<Integer>> writers) {
        return () -> {
            start.await();
            int reads = 0;
            while (reads < 3 || writers.stream().anyMatch(f -> !f.isDone())) {
                long points = store.count(StoreTable.TRADING_METRICS, TimeRange.all());
                assertThat(points % BATCH).as("points counted mid-write form whole batches").isZero();
                try (Stream<MetricPoint> stream = store.streamMetrics(TimeRange.all())) {
                    assertThat(stream.count() % BATCH).as("points streamed mid-write form whole batches").isZero();
                }
                long sampled = store.aggregate(AggregationQuery.of("load", TimeRange.all(), Interval.DAY_1,
                        Aggregation.COUNT).groupedBySymbol()).stream().mapToLong(b -> b.sampleCount()).sum();
                assertThat(sampled % BATCH).as("points aggregated mid-write form whole batches").isZero();
                assertThat(store.latest(LatestQuery.of("load")).size()).isLessThanOrEqualTo(WRITERS);
                assertThat(store.queryMetrics(MetricQuery.of("load", TimeRange.all()).withLimit(BATCH)).size())
                        .isIn(0, BATCH);
                reads++;
            }
            return reads;
        };
    }

    private void assertEveryBatchExactlyOnce(MetricsStore store, int[] batchesPerWriter) {
        long expectedPoints = 0;
        for (int batches : batchesPerWriter) {
            expectedPoints += (long) batches * BATCH;
        }
        assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(expectedPoints);
        assertThat(store.count(StoreTable.PERFORMANCE_HISTORY, TimeRange.all()))
                .isEqualTo(expectedPoints / BATCH);

        Set<String> seen = new HashSet<>();
        long streamed = 0;
        try (Stream<MetricPoint> stream = store.streamMetrics(TimeRange.all())) {
            for (MetricPoint point : (Iterable<MetricPoint>) stream::iterator) {
                String key = point.labels().get("writer") + "/" + point.labels().get("batch") + "/" + point.value();
                assertThat(seen.add(key)).as("stored once: " + key).isTrue();
                streamed++;
            }
        }
        assertThat(streamed).isEqualTo(expectedPoints);
        List<String> missing = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            for (int b = 0; b < batchesPerWriter[w]; b++) {
                for (int i = 0; i < BATCH; i++) {
                    String key = "w" + w + "/b" + b + "/" + (double) i;
                    if (!seen.contains(key)) {
                        missing.add(key);
                    }
                }
            }
        }
        assertThat(missing).as("points written but not stored (writer/batch/value)").isEmpty();
        assertThat(store.performanceHistory(TimeRange.all())).hasSize((int) (expectedPoints / BATCH));
    }
}
