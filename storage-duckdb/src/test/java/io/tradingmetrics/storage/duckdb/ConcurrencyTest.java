package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Several threads writing and reading one store at once. */
class ConcurrencyTest {
    static final Instant T = Instant.parse("2026-11-23T00:00:00Z");

    @TempDir
    Path folder;

    @Test
    void concurrentWritersAndReadersLoseNothing() throws Exception {
        int writers = 4;
        int batches = 20;
        int batchSize = 500;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(folder.resolve("c.duckdb").toString()))) {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String symbol = "S" + w;
                work.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        int base = b * batchSize;
                        store.insertMetrics(IntStream.range(0, batchSize)
                                .mapToObj(i -> MetricPoint.of(T.plusSeconds(base + i), "m", base + i, symbol)).toList());
                        // Every writer upserts the same candle keys: the upserts race and must all land.
                        store.upsertCandles(List.of(new Candle(T.plusSeconds(b), "SAME", b, b, b, b, b),
                                new Candle(T.plusSeconds(b), symbol, b, b, b, b, b)));
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 2; r++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        store.queryMetrics(MetricQuery.of("m", TimeRange.all()).withLimit(10));
                        store.latest(LatestQuery.all());
                        try (Stream<MetricPoint> points = store.streamMetrics(TimeRange.all())) {
                            points.limit(100).forEach(p -> { });
                        }
                        store.stats();
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo((long) writers * batches * batchSize);
            assertThat(store.candles(CandleQuery.of(TimeRange.all(), "SAME"))).hasSize(batches);
            assertThat(store.count(StoreTable.CANDLES, TimeRange.all())).isEqualTo((long) batches * (writers + 1));
            assertThat(store.latest(LatestQuery.of("m"))).hasSize(writers)
                    .allSatisfy(p -> assertThat(p.value()).isEqualTo(batches * batchSize - 1));
        } finally {
            pool.shutdownNow();
        }
    }
}
