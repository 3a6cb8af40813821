package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricsStore;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Copies N generated points from one DuckDB file to another and prints rows/s and heap figures; run in a child JVM
 * with a small heap by {@link BoundedMemoryTest}, or by hand:
 * {@code java -Xmx256m -cp ... io.tradingmetrics.migration.MigrationThroughput 1000000 /tmp/dir 2 10000}.
 *
 * <p>Arguments: points, directory, parallelism, batch size, chunk rows, and optionally the target as
 * {@code timescale:SCHEMA} (a fresh schema on METRICS_IT_TIMESCALE_URL; default a new DuckDB file), and optionally
 * the source as {@code duckdb:PATH} or {@code timescale:SCHEMA} (default: a DuckDB file filled with the points).
 */
public final class MigrationThroughput {
    private MigrationThroughput() {}

    public static void main(String[] args) {
        long points = Long.parseLong(args[0]);
        Path dir = Path.of(args[1]);
        int parallelism = Integer.parseInt(args[2]);
        int batchSize = Integer.parseInt(args[3]);
        long chunkRows = Long.parseLong(args[4]);
        String source = args.length > 6 ? args[6] : "duckdb:" + dir.resolve("throughput-source.duckdb");
        String target = args.length > 5 ? args[5]
                : "duckdb:" + dir.resolve("throughput-target-p" + parallelism + "-b" + batchSize + ".duckdb");
        long fillStart = System.nanoTime();
        try (MetricsStore store = TestStores.open(source)) {
            if (store.count(io.tradingmetrics.storage.api.StoreTable.TRADING_METRICS,
                    io.tradingmetrics.storage.api.TimeRange.all()) == 0) {
                TestRows.fill(store, points, 0, 0);
            }
        }
        System.out.printf("source ready: %,d points in %.1f s%n", points, (System.nanoTime() - fillStart) / 1e9);
        resetPeaks();
        try (MetricsStore from = TestStores.open(source); MetricsStore to = TestStores.open(target)) {
            MigrationReport report = new StoreMigrator(MigrationListener.NONE).migrate(
                    RowSource.of(TestStores.id(source), from), to, TestStores.id(target),
                    MigrationOptions.defaults().withStateDirectory(dir.resolve("state")).withParallelism(parallelism)
                            .withBatchSize(batchSize).withChunkRows(chunkRows));
            System.out.printf("copy: %,d rows in %.2f s = %,.0f rows/s (parallelism %d, batch %,d, chunks %,d)%n",
                    report.rowsCopied(), report.elapsed().toNanos() / 1e9, report.rowsPerSecond(), parallelism,
                    batchSize, chunkRows);
            System.out.printf("heap during copy: peak %,d MB (sum of pool peaks), max heap %,d MB%n",
                    peakHeapBytes() / (1 << 20), Runtime.getRuntime().maxMemory() / (1 << 20));
            resetPeaks();
            long verifyStart = System.nanoTime();
            VerificationReport verification = new Verifier(MigrationListener.NONE).verify(
                    RowSource.of(TestStores.id(source), from), RowSource.of(TestStores.id(target), to),
                    VerifyOptions.from(MigrationOptions.defaults().withParallelism(parallelism)));
            System.out.printf("verify: %s in %.2f s, heap peak %,d MB%n", verification.matches() ? "match"
                    : "MISMATCH", (System.nanoTime() - verifyStart) / 1e9, peakHeapBytes() / (1 << 20));
            if (!verification.matches()) {
                System.out.println(verification.summary());
                System.exit(2);
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
