package io.tradingmetrics.writer;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static io.tradingmetrics.writer.WriterTestStores.T0;
import static io.tradingmetrics.writer.WriterTestStores.point;
import static io.tradingmetrics.writer.WriterTestStores.storedCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a writer promises on every store; a subclass per store says how to open a fresh one. */
abstract class MetricsWriterTest {
    private static final int PRODUCERS = 8;

    @TempDir
    Path folder;
    private MetricsStore store;

    /** @return a new, empty store */
    protected abstract MetricsStore openStore(Path folder);

    /** Called after the store is closed. */
    protected void afterStoreClosed() throws Exception {
    }

    @BeforeEach
    void open() {
        store = openStore(folder);
    }

    @AfterEach
    void close() throws Exception {
        try {
            store.close();
        } finally {
            afterStoreClosed();
        }
    }

    @Test
    @DisplayName("many producers, blocking policy: every point stored exactly once, nothing left after close")
    void blockingPolicyStoresEveryPointOnce() throws Exception {
        int perProducer = 25_000;
        WriterSettings settings = WriterSettings.defaults().withBatchSize(5_000).withBuffer(20_000, 64L << 20)
                .withOverflow(OverflowPolicy.BLOCK, Duration.ofSeconds(30));
        MetricsWriter writer = MetricsWriter.create(store, settings);
        runProducers(perProducer, writer::write);
        writer.close();

        Map<String, Long> counts = storedCounts(store);
        assertThat(counts).hasSize(PRODUCERS * perProducer);
        assertThat(counts.values()).allMatch(count -> count == 1);
        WriterStats stats = writer.stats();
        assertThat(stats.stored()).isEqualTo(PRODUCERS * perProducer);
        assertThat(stats.dropped()).isZero();
        assertThat(stats.bufferedRows()).isZero();
        assertThat(stats.bufferedBytes()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = OverflowPolicy.class, names = {"DROP_NEWEST", "DROP_OLDEST"})
    @DisplayName("drop policies: stored + reported drops = written, and the stored points are exactly the unreported")
    void dropPoliciesReportEveryDrop(OverflowPolicy policy) throws Exception {
        int perProducer = 20_000;
        Set<String> reported = Collections.synchronizedSet(new HashSet<>());
        AtomicLong reportedCount = new AtomicLong();
        WriterListener listener = new WriterListener() {
            @Override
            public void onDropped(DropReason reason, List<?> rows, Optional<RuntimeException> cause) {
                assertThat(reason).isIn(DropReason.BUFFER_FULL_NEWEST, DropReason.BUFFER_FULL_OLDEST);
                reportedCount.addAndGet(rows.size());
                reported.addAll(WriterTestStores.keys(rows));
            }
        };
        // A buffer far smaller than what arrives during one commit, so that the policy must act.
        WriterSettings settings = WriterSettings.defaults().withBatchSize(200).withBuffer(500, 1L << 20)
                .withOverflow(policy, Duration.ZERO);
        MetricsWriter writer = MetricsWriter.create(store, settings, listener);
        runProducers(perProducer, writer::write);
        writer.close();

        Map<String, Long> counts = storedCounts(store);
        assertThat(reportedCount.get()).as("drops happened").isPositive();
        assertThat(counts.values()).allMatch(count -> count == 1);
        assertThat(counts.size() + reportedCount.get()).isEqualTo((long) PRODUCERS * perProducer);
        assertThat(Collections.disjoint(counts.keySet(), reported)).isTrue();
        assertThat(writer.stats().dropped()).isEqualTo(reportedCount.get());
        assertThat(writer.stats().stored()).isEqualTo(counts.size());
    }

    @Test
    @DisplayName("fail policy: a full buffer fails the write with the limits named; what was taken is stored")
    void failPolicyRefusesLoudly() throws Exception {
        WriterSettings settings = WriterSettings.defaults().withBatchSize(100).withBuffer(100, 1L << 20)
                .withFlushInterval(Duration.ofHours(1)).withOverflow(OverflowPolicy.FAIL, Duration.ZERO);
        // One producer writes millions of points a second; the store commits a batch of 100 in milliseconds.
        MetricsWriter writer = MetricsWriter.create(store, settings);
        List<MetricPoint> accepted = new ArrayList<>();
        int n = 0;
        try {
            while (n < 100_000) {
                MetricPoint p = point(0, n++);
                writer.write(p);
                accepted.add(p);
            }
        } catch (BufferFullException e) {
            assertThat(e).hasMessageContaining("buffer is full").hasMessageContaining("limits 100 rows")
                    .hasMessageContaining("choose a drop policy");
        }
        assertThat(n).as("a write failed before 100,000").isLessThan(100_000);
        writer.close();
        assertThat(storedCounts(store)).hasSize(accepted.size());
        assertThat(writer.stats().refused()).isEqualTo(1);
    }

    @Test
    @DisplayName("flush() returns once everything written before it is stored; close() refuses later writes")
    void flushAndClose() {
        MetricsWriter writer = MetricsWriter.create(store,
                WriterSettings.defaults().withFlushInterval(Duration.ofHours(1)));
        for (int i = 0; i < 1_234; i++) {
            writer.write(point(1, i));
        }
        writer.flush();
        assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1_234);
        writer.close();
        assertThatThrownBy(() -> writer.write(point(1, 99_999))).isInstanceOf(WriterClosedException.class)
                .hasMessageContaining("closed");
    }

    @Test
    @DisplayName("candles and snapshots: the last write of a key wins, in write order across batches")
    void upsertsLastWriteWins() {
        MetricsWriter writer = MetricsWriter.create(store, WriterSettings.defaults().withBatchSize(7));
        for (int version = 0; version < 50; version++) {
            for (int minute = 0; minute < 10; minute++) {
                writer.write(new Candle(T0.plusSeconds(60L * minute), "BTC-USD", version, version + 1, version - 1,
                        version, minute));
                writer.write(new PerformanceSnapshot(T0.plusSeconds(60L * minute), 1_000 + version, version,
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty()));
            }
        }
        writer.close();
        List<Candle> candles = store.candles(CandleQuery.of(TimeRange.all(), "BTC-USD"));
        assertThat(candles).hasSize(10).allMatch(candle -> candle.open() == 49);
        assertThat(store.performanceHistory(TimeRange.all())).hasSize(10)
                .allMatch(snapshot -> snapshot.portfolioValue() == 1_049);
    }

    @Test
    @DisplayName("a point the store refuses is reported with the point; the rest of its batch is stored")
    void refusedPointIsIsolated() {
        List<Object> refused = Collections.synchronizedList(new ArrayList<>());
        WriterListener listener = new WriterListener() {
            @Override
            public void onDropped(DropReason reason, List<?> rows, Optional<RuntimeException> cause) {
                assertThat(reason).isEqualTo(DropReason.REFUSED_BY_STORE);
                assertThat(cause).isPresent();
                refused.addAll(rows);
            }
        };
        MetricsStore refusing = RefusingStore.refusingMetric(store, "poison");
        MetricsWriter writer = MetricsWriter.create(refusing, WriterSettings.defaults().withBatchSize(1_000),
                listener);
        MetricPoint poison = MetricPoint.of(T0, "poison", 1, "P9");
        for (int i = 0; i < 999; i++) {
            writer.write(point(2, i));
            if (i == 500) {
                writer.write(poison);
            }
        }
        assertThatThrownBy(writer::flush).isInstanceOf(MetricsWriterException.class)
                .hasMessageContaining("could not be stored");
        writer.close();
        assertThat(refused).containsExactly(poison);
        assertThat(storedCounts(store)).hasSize(999);
    }

    private void runProducers(int perProducer, java.util.function.Consumer<MetricPoint> write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        write.accept(point(producer, i));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
