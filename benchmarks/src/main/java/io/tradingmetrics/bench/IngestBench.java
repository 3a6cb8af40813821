package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.jdbc.JdbcMetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ingest through {@link MetricsStore#insertMetrics} against the engine's own bulk path on the same rows, in batches
 * of 100,000 and of 1,000 points, each into a fresh table. The paths of one batch size take turns, so that a busy
 * spell of the machine falls on all of them; each figure is the median of the repetitions.
 */
final class IngestBench {
    static final int LARGE_BATCH = 100_000;
    static final int SMALL_BATCH = 1_000;
    private static final String ROLLUPS_ON = "MetricsStore.insertMetrics, rollups on (1m, 1h)";

    private final RunContext context;
    /** "engine level" of each rollup level a run left dormant. */
    private final Set<String> dormant = new TreeSet<>();

    IngestBench(RunContext context) {
        this.context = context;
    }

    /** One way of loading: returns the rows per second of one repetition. */
    @FunctionalInterface
    private interface IngestPath {
        double rowsPerSecond() throws Exception;
    }

    void run() throws Exception {
        BenchOptions options = context.options();
        ResultTable table = new ResultTable("Ingest (rows/s, median of " + options.ingestRepeats() + ")",
                "engine", "path", "batch", "points", "rows/s", "min..max", "SPI / raw");
        Dataset data = new Dataset(options.ingestPoints());
        long large = options.ingestPoints();
        long small = options.smallBatchIngestPoints();

        Map<String, IngestPath> duckLarge = new LinkedHashMap<>();
        duckLarge.put("MetricsStore.insertMetrics", () -> duckDbThroughStore(data, large, LARGE_BATCH, false));
        duckLarge.put(ROLLUPS_ON, () -> duckDbThroughStore(data, large, LARGE_BATCH, true));
        duckLarge.put("raw Appender", () -> duckDbAppender(data, large, LARGE_BATCH));
        duckLarge.put("INSERT ... SELECT FROM range, per batch", () -> duckDbGenerated(large, LARGE_BATCH));
        duckLarge.put("INSERT ... SELECT FROM range, one statement", () -> duckDbGenerated(large, large));
        Map<String, double[]> duck100k = measure("DuckDB, batches of 100,000", duckLarge);
        addRows(table, "DuckDB", duck100k, LARGE_BATCH, large, "raw Appender");

        Map<String, IngestPath> duckSmall = new LinkedHashMap<>();
        duckSmall.put("MetricsStore.insertMetrics", () -> duckDbThroughStore(data, small, SMALL_BATCH, false));
        duckSmall.put("raw Appender", () -> duckDbAppender(data, small, SMALL_BATCH));
        Map<String, double[]> duck1k = measure("DuckDB, batches of 1,000", duckSmall);
        addRows(table, "DuckDB", duck1k, SMALL_BATCH, small, "raw Appender");

        double duckSpi = Stats.median(duck100k.get("MetricsStore.insertMetrics"));
        rollupCost("DuckDB", Stats.median(duck100k.get(ROLLUPS_ON)), duckSpi);
        context.report().target(new Target("DuckDB ingest through the SPI (batches of 100,000)", ">= 1,000,000 points/s",
                Figures.rate(duckSpi) + " points/s", Target.Verdict.of(duckSpi >= 1_000_000)));
        context.report().target(new Target("DuckDB ingest through the SPI (batches of 1,000)", "(no target)",
                Figures.rate(Stats.median(duck1k.get("MetricsStore.insertMetrics"))) + " points/s",
                Target.Verdict.MEASURED));

        if (context.timescaleUrl().isPresent()) {
            for (int batch : new int[] {LARGE_BATCH, SMALL_BATCH}) {
                long points = batch == LARGE_BATCH ? large : small;
                Map<String, IngestPath> paths = new LinkedHashMap<>();
                paths.put("MetricsStore.insertMetrics", () -> timescaleThroughStore(data, points, batch, false));
                if (batch == LARGE_BATCH) {
                    paths.put(ROLLUPS_ON, () -> timescaleThroughStore(data, points, batch, true));
                }
                paths.put("raw COPY (CSV, CopyManager)", () -> timescaleCopy(data, points, batch));
                Map<String, double[]> rates = measure("TimescaleDB, batches of " + Figures.count(batch), paths);
                addRows(table, "TimescaleDB", rates, batch, points, "raw COPY (CSV, CopyManager)");
                double spi = Stats.median(rates.get("MetricsStore.insertMetrics"));
                if (batch == LARGE_BATCH) {
                    rollupCost("TimescaleDB", Stats.median(rates.get(ROLLUPS_ON)), spi);
                }
                double raw = Stats.median(rates.get("raw COPY (CSV, CopyManager)"));
                context.report().target(new Target("TimescaleDB ingest through the SPI (batches of "
                        + Figures.count(batch) + ")", ">= 90% of raw COPY",
                        Figures.percent(spi / raw) + " (" + Figures.rate(spi) + " vs " + Figures.rate(raw) + " rows/s)",
                        Target.Verdict.of(spi >= 0.9 * raw)));
            }
        }
        table.note("Each repetition loads a fresh table (a new DuckDB file, a new TimescaleDB schema made by the store,"
                + " so with the same hypertable and indexes); rows/s counts only the time spent in the write calls.");
        if (!dormant.isEmpty()) {
            table.note("Rollups on: levels dormant at the end of a run (fewer than min-points-per-row points per row"
                    + " on these series, so no longer refreshed nor read): "
                    + String.join(", ", dormant) + ".");
        }
        table.note("SPI / raw: the store's median against the raw Appender (DuckDB) or raw COPY (TimescaleDB).");
        table.note("INSERT ... SELECT FROM range: the same rows generated inside DuckDB, nothing crossing from Java:"
                + " the engine's own limit, per batch-sized statement (each its own transaction) and in one statement.");
        context.report().add(table);
    }

    /** Runs every path once per repetition, in an order that alternates between repetitions. */
    private Map<String, double[]> measure(String what, Map<String, IngestPath> paths) throws Exception {
        int repeats = context.options().ingestRepeats();
        Map<String, double[]> rates = new LinkedHashMap<>();
        paths.keySet().forEach(name -> rates.put(name, new double[repeats]));
        List<String> order = new ArrayList<>(paths.keySet());
        for (int r = 0; r < repeats; r++) {
            context.report().progress("ingest: " + what + ", repetition " + (r + 1) + " of " + repeats);
            for (String name : order) {
                rates.get(name)[r] = paths.get(name).rowsPerSecond();
            }
            java.util.Collections.reverse(order);
        }
        return rates;
    }

    private static void addRows(ResultTable table, String engine, Map<String, double[]> rates, int batch, long points,
                                String raw) {
        double rawMedian = Stats.median(rates.get(raw));
        rates.forEach((name, samples) -> table.row(engine, name, Figures.count(batch), Figures.count(points),
                Figures.rate(Stats.median(samples)),
                Figures.rate(Stats.percentile(samples, 0)) + ".." + Figures.rate(Stats.percentile(samples, 1)),
                name.startsWith("MetricsStore") ? Figures.percent(Stats.median(samples) / rawMedian) : ""));
    }

    private void rollupCost(String engine, double withRollups, double withoutRollups) {
        context.report().target(new Target(engine + " ingest through the SPI with rollups on (1m, 1h; off by default)"
                + " against off (batches of 100,000; the refresh's catch-up after the last write counted)", "falls by at most 15%", Figures.percent(withRollups / withoutRollups)
                + " (" + Figures.rate(withRollups) + " vs " + Figures.rate(withoutRollups) + " points/s)",
                Target.Verdict.of(withRollups >= 0.85 * withoutRollups)));
    }

    /**
     * @return the nanoseconds the rollup refresh takes to sum up what the background refresh had not yet when the
     *         last write returned: work the writes left behind, counted as theirs
     */
    private static long refreshCatchUp(MetricsStore store, boolean rollups) {
        if (!rollups) {
            return 0;
        }
        long began = System.nanoTime();
        ((JdbcMetricsStore) store).refreshRollups();
        return System.nanoTime() - began;
    }

    /** Records the rollup levels a run left dormant (too sparse for these series), for the table's note. */
    private void noteDormant(String engine, MetricsStore store) {
        ((JdbcMetricsStore) store).dormantRollupLevels().forEach(level -> dormant.add(engine + " " + level.label()));
    }

    private double duckDbThroughStore(Dataset data, long points, int batch, boolean rollups) {
        Path file = context.newDuckDbFile("ingest-spi");
        try (MetricsStore store = Stores.duckdb(file, true, rollups)) {
            long[] nanos = new long[1];
            data.forEachBatch(0, points, batch, rows -> {
                long began = System.nanoTime();
                store.insertMetrics(rows);
                nanos[0] += System.nanoTime() - began;
            });
            nanos[0] += refreshCatchUp(store, rollups);
            requireCount(store, points);
            noteDormant("DuckDB", store);
            return points / (nanos[0] / 1e9);
        } finally {
            RunContext.deleteDuckDbFile(file);
        }
    }

    private double duckDbAppender(Dataset data, long points, int batch) throws Exception {
        Path file = context.newDuckDbFile("ingest-raw");
        try {
            createSchema(file);
            try (Connection connection = Stores.duckdbJdbc(file)) {
                long[] nanos = new long[1];
                data.forEachBatch(0, points, batch, rows -> {
                    long began = System.nanoTime();
                    try {
                        RawIngest.appendBatch(connection, rows);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    nanos[0] += System.nanoTime() - began;
                });
                return points / (nanos[0] / 1e9);
            }
        } finally {
            RunContext.deleteDuckDbFile(file);
        }
    }

    private double duckDbGenerated(long points, long perStatement) throws Exception {
        Path file = context.newDuckDbFile("ingest-gen");
        try {
            createSchema(file);
            try (Connection connection = Stores.duckdbJdbc(file)) {
                long began = System.nanoTime();
                for (long first = 0; first < points; first += perStatement) {
                    RawIngest.generateInDuckDb(connection, points, first, Math.min(perStatement, points - first));
                }
                return points / ((System.nanoTime() - began) / 1e9);
            }
        } finally {
            RunContext.deleteDuckDbFile(file);
        }
    }

    /** The store makes the schema (the same table as the SPI path gets) and lets go of the file. */
    private static void createSchema(Path file) {
        Stores.duckdb(file, true).close();
    }

    private double timescaleThroughStore(Dataset data, long points, int batch, boolean rollups) throws Exception {
        String url = context.timescaleUrl().orElseThrow();
        String schema = context.newSchema("ingest_spi");
        try (MetricsStore store = Stores.timescale(url, schema, true, rollups)) {
            long[] nanos = new long[1];
            data.forEachBatch(0, points, batch, rows -> {
                long began = System.nanoTime();
                store.insertMetrics(rows);
                nanos[0] += System.nanoTime() - began;
            });
            nanos[0] += refreshCatchUp(store, rollups);
            requireCount(store, points);
            noteDormant("TimescaleDB", store);
            return points / (nanos[0] / 1e9);
        } finally {
            context.dropSchema(schema);
        }
    }

    private double timescaleCopy(Dataset data, long points, int batch) throws Exception {
        String url = context.timescaleUrl().orElseThrow();
        String schema = context.newSchema("ingest_copy");
        try {
            Stores.timescale(url, schema, true).close();
            try (Connection connection = Stores.timescaleJdbc(url, schema)) {
                long[] nanos = new long[1];
                data.forEachBatch(0, points, batch, rows -> {
                    long began = System.nanoTime();
                    try {
                        RawIngest.copyBatch(connection, rows);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    nanos[0] += System.nanoTime() - began;
                });
                return points / (nanos[0] / 1e9);
            }
        } finally {
            context.dropSchema(schema);
        }
    }

    private static void requireCount(MetricsStore store, long points) {
        long stored = store.count(StoreTable.TRADING_METRICS, TimeRange.all());
        if (stored != points) {
            throw new IllegalStateException("the store holds " + stored + " points after inserting " + points);
        }
    }
}
