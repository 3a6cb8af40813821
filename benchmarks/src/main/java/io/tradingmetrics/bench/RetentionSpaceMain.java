package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.duckdb.DuckDbMetricsStore;
import io.tradingmetrics.storage.duckdb.DuckDbStoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a DuckDB file does on disk when retention deletes half of it: its size after the delete, after optimize()
 * (ANALYZE and CHECKPOINT), after writing as many points again (are freed blocks reused?), and after a compaction into
 * a new file ({@code COPY FROM DATABASE}). Prints one line per step. Not part of CI: run it by hand
 * ({@code java -cp 'benchmarks/target/*:benchmarks/target/lib/*' io.tradingmetrics.bench.RetentionSpaceMain DIR
 * [POINTS]}).
 */
public final class RetentionSpaceMain {
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(30);
    private static final int BATCH = 100_000;

    private RetentionSpaceMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/retention-space");
        long points = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 10_000_000L;
        Files.createDirectories(dir);
        Path file = dir.resolve("space.duckdb");
        Path compacted = dir.resolve("compacted.duckdb");
        for (Path p : List.of(file, Path.of(file + ".wal"), compacted, Path.of(compacted + ".wal"))) {
            Files.deleteIfExists(p);
        }
        Instant half = START.plus(SPAN.dividedBy(2));
        long t = System.nanoTime();
        try (MetricsStore store = open(file)) {
            insert(store, points, START);
            report("insert " + points + " points", file, t);
            t = System.nanoTime();
            store.optimize();
            report("optimize() after the insert (baseline)", file, t);
        }
        // The delete and a bare CHECKPOINT on a plain connection, so that nothing else runs in between.
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("SET checkpoint_threshold = '1TB'"); // no automatic checkpoint: see the delete alone
            t = System.nanoTime();
            int deleted = statement.executeUpdate("DELETE FROM trading_metrics WHERE timestamp < '" + half + "'");
            report("DELETE of the older half (" + deleted + " rows)", file, t);
            t = System.nanoTime();
            statement.execute("CHECKPOINT");
            report("CHECKPOINT", file, t);
        }
        report("closed", file, System.nanoTime());
        try (MetricsStore store = open(file)) {
            t = System.nanoTime();
            store.optimize();
            report("optimize() (ANALYZE + CHECKPOINT)", file, t);
        }
        t = System.nanoTime();
        compact(file, compacted);
        report("COPY FROM DATABASE into a new file (store closed)", compacted, t);
        try (MetricsStore store = open(compacted)) {
            System.out.println("the compacted copy holds " + store.count(StoreTable.TRADING_METRICS, TimeRange.all())
                    + " points");
        }
        try (MetricsStore store = open(file)) {
            t = System.nanoTime();
            insert(store, points / 2, START.plus(SPAN));
            store.optimize();
            report("insert " + points / 2 + " newer points + optimize() (freed blocks reused?)", file, t);
        }
    }

    private static MetricsStore open(Path file) {
        return DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()));
    }

    private static void compact(Path from, Path to) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("ATTACH '" + from + "' AS old (READ_ONLY)");
            statement.execute("ATTACH '" + to + "' AS fresh");
            statement.execute("COPY FROM DATABASE old TO fresh");
            statement.execute("DETACH fresh");
            statement.execute("DETACH old");
        }
    }

    private static void insert(MetricsStore store, long count, Instant from) {
        long stepNanos = SPAN.toNanos() / count;
        java.util.Random random = new java.util.Random(count); // values as noisy as prices and latencies
        List<MetricPoint> batch = new ArrayList<>(BATCH);
        String[] symbols = {"BTC-USD", "ETH-USD", "AAPL", "MSFT", "EUR-USD"};
        for (long i = 0; i < count; i++) {
            batch.add(MetricPoint.of(from.plusNanos(i * stepNanos).truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                    "metric_" + (i % 20), 100 + random.nextGaussian(), symbols[(int) (i % symbols.length)], Map.of("venue", "x")));
            if (batch.size() == BATCH) {
                store.insertMetrics(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.insertMetrics(batch);
        }
    }

    private static void report(String step, Path file, long startNanos) throws Exception {
        long bytes = Files.size(file);
        Path wal = Path.of(file + ".wal");
        long walBytes = Files.exists(wal) ? Files.size(wal) : 0;
        System.out.printf(Locale.ROOT, "%-75s file %8.1f MiB  wal %7.1f MiB  %7.2f s%n", step, mib(bytes),
                mib(walBytes), (System.nanoTime() - startNanos) / 1e9);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

}
