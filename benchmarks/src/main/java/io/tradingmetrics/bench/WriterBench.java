package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.writer.MetricsWriter;
import io.tradingmetrics.writer.OverflowPolicy;
import io.tradingmetrics.writer.WriterSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The batching writer on the hot path: 8 producer threads call {@code write(point)} as fast as they can, and the
 * sustained rate is the points stored per second until a final flush returns. Against it, in the same run: the
 * SPI's batch ingest ({@code insertMetrics} in batches of 100,000, one thread) and a synchronous
 * {@code insertMetric} per point from the same 8 threads. Latency is that of each call on the producer's thread.
 */
final class WriterBench {
    private static final int PRODUCERS = 8;
    private static final Duration PER_POINT_BUDGET = Duration.ofSeconds(3);

    private final RunContext context;

    WriterBench(RunContext context) {
        this.context = context;
    }

    /** What one path achieved. */
    private record Run(double pointsPerSecond, long[] latencies, long peakBufferedBytes) {
        String percentile(double fraction) {
            if (latencies.length == 0) {
                return "";
            }
            long nanos = latencies[(int) Math.min(latencies.length - 1, Math.floor(fraction * latencies.length))];
            return nanos < 10_000 ? String.format("%.2f us", nanos / 1e3) : String.format("%.2f ms", nanos / 1e6);
        }
    }

    void run() throws Exception {
        long points = context.options().ingestPoints();
        Dataset data = new Dataset(points);
        WriterSettings settings = WriterSettings.defaults();
        ResultTable table = new ResultTable("Batching writer: " + PRODUCERS + " producer threads",
                "engine", "path", "points", "points/s", "p50", "p99", "p99.9", "peak buffered");
        context.report().progress("writer: DuckDB");
        measureEngine(table, "DuckDB", data, points, settings, this::duckDbStore);
        if (context.timescaleUrl().isPresent()) {
            context.report().progress("writer: TimescaleDB");
            measureEngine(table, "TimescaleDB", data, points, settings, this::timescaleStore);
        }
        table.note("writer: MetricsWriter with its defaults (batch " + Figures.count(settings.batchSize())
                + ", flush interval " + settings.flushInterval().toMillis() + " ms, buffer "
                + Figures.count(settings.maxBufferedRows()) + " rows / " + Figures.megabytes(settings.maxBufferedBytes())
                + ", block policy); points/s until the last point is stored (a final flush() included).");
        table.note("Latency: every call timed on the producer's thread (System.nanoTime around write or insertMetric);"
                + " insertMetric per point runs for " + PER_POINT_BUDGET.toSeconds() + " s. Peak buffered: the writer's"
                + " estimated held bytes, sampled every 10 ms, against its byte bound.");
        context.report().add(table);
    }

    private void measureEngine(ResultTable table, String engine, Dataset data, long points, WriterSettings settings,
                               Function<String, Opened> open) throws Exception {
        Run batch = spiBatches(open.apply("spi"), data, points);
        Run writer = throughWriter(open.apply("writer"), data, points, settings);
        Run perPoint = perPoint(open.apply("perpoint"), data);
        table.row(engine, "MetricsWriter.write(point)", Figures.count(points), Figures.rate(writer.pointsPerSecond()),
                writer.percentile(0.5), writer.percentile(0.99), writer.percentile(0.999),
                Figures.megabytes(writer.peakBufferedBytes()));
        table.row(engine, "MetricsStore.insertMetrics, batches of 100,000 (1 thread)", Figures.count(points),
                Figures.rate(batch.pointsPerSecond()), batch.percentile(0.5), batch.percentile(0.99),
                batch.percentile(0.999), "");
        table.row(engine, "MetricsStore.insertMetric per point", Figures.count(perPoint.latencies().length),
                Figures.rate(perPoint.pointsPerSecond()), perPoint.percentile(0.5), perPoint.percentile(0.99),
                perPoint.percentile(0.999), "");
        double p99 = writer.latencies()[(int) Math.floor(0.99 * writer.latencies().length)];
        context.report().target(new Target(engine + ": write(point) p99 on the producer's thread", "< 10 us",
                writer.percentile(0.99), Target.Verdict.of(p99 < 10_000)));
        if (engine.equals("DuckDB")) {
            context.report().target(new Target("DuckDB: sustained rate through the writer", ">= 1,000,000 points/s",
                    Figures.rate(writer.pointsPerSecond()) + " points/s",
                    Target.Verdict.of(writer.pointsPerSecond() >= 1_000_000)));
        } else {
            context.report().target(new Target(engine + ": writer against the SPI's batch ingest", ">= 90%",
                    Figures.percent(writer.pointsPerSecond() / batch.pointsPerSecond()),
                    Target.Verdict.of(writer.pointsPerSecond() >= 0.9 * batch.pointsPerSecond())));
        }
        context.report().target(new Target(engine + ": writer heap bound", "<= " + Figures.megabytes(
                settings.maxBufferedBytes()), Figures.megabytes(writer.peakBufferedBytes()),
                Target.Verdict.of(writer.peakBufferedBytes() <= settings.maxBufferedBytes())));
    }

    /** A store and how to get rid of what it created. */
    private record Opened(MetricsStore store, Runnable cleanUp) implements AutoCloseable {
        @Override
        public void close() {
            try {
                store.close();
            } finally {
                cleanUp.run();
            }
        }
    }

    private Opened duckDbStore(String stem) {
        Path file = context.newDuckDbFile("writer-" + stem);
        return new Opened(Stores.duckdb(file, true), () -> RunContext.deleteDuckDbFile(file));
    }

    private Opened timescaleStore(String stem) {
        String schema = context.newSchema("writer_" + stem);
        return new Opened(Stores.timescale(context.timescaleUrl().orElseThrow(), schema, true), () -> {
            try {
                context.dropSchema(schema);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Run spiBatches(Opened opened, Dataset data, long points) {
        try (opened) {
            List<Long> latencies = new ArrayList<>();
            data.forEachBatch(0, points, IngestBench.LARGE_BATCH, rows -> {
                long began = System.nanoTime();
                opened.store().insertMetrics(rows);
                latencies.add(System.nanoTime() - began);
            });
            long total = latencies.stream().mapToLong(Long::longValue).sum();
            requireCount(opened.store(), points);
            return new Run(points / (total / 1e9), sorted(latencies.stream().mapToLong(Long::longValue).toArray()), 0);
        }
    }

    private static Run throughWriter(Opened opened, Dataset data, long points, WriterSettings settings)
            throws Exception {
        try (opened) {
            // Points built before timing: the producers' cost is the write call, not making the record.
            MetricPoint[] rows = new MetricPoint[(int) points];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = data.point(i);
            }
            MetricsWriter writer = MetricsWriter.create(opened.store(), settings.withClose(Duration.ofMinutes(5), false)
                    .withOverflow(OverflowPolicy.BLOCK, Duration.ofMinutes(1)));
            AtomicLong peak = new AtomicLong();
            ExecutorService threads = Executors.newFixedThreadPool(PRODUCERS + 1);
            try {
                Future<?> sampler = threads.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(writer.stats().bufferedBytes(), Math::max);
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                long began = System.nanoTime();
                long[][] latencies = onProducers(threads, producer -> {
                    long[] own = new long[rows.length / PRODUCERS + 1];
                    int n = 0;
                    for (int i = producer; i < rows.length; i += PRODUCERS) {
                        long start = System.nanoTime();
                        writer.write(rows[i]);
                        own[n++] = System.nanoTime() - start;
                    }
                    return Arrays.copyOf(own, n);
                });
                writer.flush();
                double seconds = (System.nanoTime() - began) / 1e9;
                sampler.cancel(true);
                writer.close();
                requireCount(opened.store(), points);
                return new Run(points / seconds, merged(latencies), peak.get());
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static Run perPoint(Opened opened, Dataset data) throws Exception {
        try (opened) {
            ExecutorService threads = Executors.newFixedThreadPool(PRODUCERS);
            try {
                long deadline = System.nanoTime() + PER_POINT_BUDGET.toNanos();
                long began = System.nanoTime();
                long[][] latencies = onProducers(threads, producer -> {
                    long[] own = new long[1 << 20];
                    int n = 0;
                    for (long i = producer; System.nanoTime() < deadline && n < own.length; i += PRODUCERS) {
                        long start = System.nanoTime();
                        opened.store().insertMetric(data.point(i));
                        own[n++] = System.nanoTime() - start;
                    }
                    return Arrays.copyOf(own, n);
                });
                double seconds = (System.nanoTime() - began) / 1e9;
                long[] all = merged(latencies);
                return new Run(all.length / seconds, all, 0);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private interface Producer {
        long[] run(int producer) throws Exception;
    }

    private static long[][] onProducers(ExecutorService threads, Producer producer) throws Exception {
        List<Future<long[]>> futures = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int index = p;
            futures.add(threads.submit((Callable<long[]>) () -> producer.run(index)));
        }
        long[][] results = new long[PRODUCERS][];
        for (int p = 0; p < PRODUCERS; p++) {
            results[p] = futures.get(p).get();
        }
        return results;
    }

    private static long[] merged(long[][] parts) {
        return sorted(Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray());
    }

    private static long[] sorted(long[] values) {
        Arrays.sort(values);
        return values;
    }

    private static void requireCount(MetricsStore store, long points) {
        long stored = store.count(StoreTable.TRADING_METRICS, TimeRange.all());
        if (stored != points) {
            throw new IllegalStateException("expected " + points + " stored points, found " + stored);
        }
    }
}
