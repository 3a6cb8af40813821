package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The data sets of the run (by default a small and a large one; {@code --points 1M,10M,100M} gives three), loaded
 * through the SPI into a DuckDB file and (when there is a server) a TimescaleDB schema each, then optimized
 * (statistics, checkpoint or VACUUM ANALYZE) as an operator would after a bulk load. The queries, start-up and
 * migration sections read them. Points and candles are generated batch by batch, so the heap holds one batch at a
 * time whatever the size.
 */
final class DataSets {
    /**
     * One data set in one engine.
     *
     * @param loadRate points per second of loading it through the SPI (time in the write calls only)
     * @param bytesOnDisk the DuckDB file, or the hypertable of points, after optimizing; -1 when unknown
     */
    record Loaded(String engine, long points, Optional<Path> duckDbFile, Optional<String> schema, double loadRate,
                  long bytesOnDisk) {}

    private final RunContext context;
    private final List<Loaded> duckDb = new ArrayList<>();
    private final List<Loaded> timescale = new ArrayList<>();

    DataSets(RunContext context) {
        this.context = context;
    }

    /** @return the data sets another JVM of the run loaded */
    static DataSets of(RunContext context, List<Loaded> loaded) {
        DataSets dataSets = new DataSets(context);
        for (Loaded data : loaded) {
            (data.duckDbFile().isPresent() ? dataSets.duckDb : dataSets.timescale).add(data);
        }
        return dataSets;
    }

    void load() throws Exception {
        BenchOptions options = context.options();
        ResultTable table = new ResultTable("Data sets, loaded through the SPI (batches of 100,000)", "engine",
                "points", "candles", "snapshots", "points/s", "load + optimize", "on disk");
        for (long points : options.sizes()) {
            duckDb.add(loadDuckDb(points, table));
        }
        if (context.timescaleUrl().isPresent()) {
            for (long points : options.sizes()) {
                timescale.add(loadTimescale(points, table));
            }
        }
        table.note("20 metrics x 50 symbols over 30 days, shared labels maps; candles per symbol evenly over the"
                + " 30 days; a portfolio snapshot every 5 minutes.");
        table.note("on disk: the DuckDB file (all three tables) after CHECKPOINT; TimescaleDB: the points' hypertable"
                + " with its indexes (hypertable_size).");
        context.report().add(table);
    }

    /** @return every loaded data set, DuckDB's first, smallest first */
    List<Loaded> all() {
        List<Loaded> all = new ArrayList<>(duckDb);
        all.addAll(timescale);
        return all;
    }

    Loaded duckDbLarge() {
        return duckDb.get(duckDb.size() - 1);
    }

    Optional<Loaded> timescaleLarge() {
        return timescale.isEmpty() ? Optional.empty() : Optional.of(timescale.get(timescale.size() - 1));
    }

    /** @return a store on the data set, opened as an application opens it */
    MetricsStore open(Loaded data) {
        return data.duckDbFile().isPresent() ? Stores.duckdb(data.duckDbFile().get(), true, true)
                : Stores.timescale(context.timescaleUrl().orElseThrow(), data.schema().orElseThrow(), true, true);
    }

    /** @return the name of the figure: points per second of loading that many points into an empty store */
    static String loadFigure(String engine, long points) {
        return engine + ".load." + points;
    }

    private Loaded loadDuckDb(long points, ResultTable table) {
        Path file = context.newDuckDbFile("dataset-" + points);
        return fill("DuckDB", points, Optional.of(file), Optional.empty(), () -> Stores.duckdb(file, true, true), table);
    }

    private Loaded loadTimescale(long points, ResultTable table) {
        String schema = context.newSchema("data_" + points);
        return fill("TimescaleDB", points, Optional.empty(), Optional.of(schema),
                () -> Stores.timescale(context.timescaleUrl().orElseThrow(), schema, true, true), table);
    }

    private Loaded fill(String engine, long points, Optional<Path> file, Optional<String> schema,
                        Supplier<MetricsStore> opener, ResultTable table) {
        context.report().progress("loading " + Figures.count(points) + " points into " + engine);
        Dataset data = new Dataset(points);
        long began = System.nanoTime();
        long bytes;
        double rate;
        long[] candles = {0};
        try (MetricsStore store = opener.get()) {
            long[] insertNanos = new long[1];
            data.forEachBatch(0, points, IngestBench.LARGE_BATCH, batch -> {
                long start = System.nanoTime();
                store.insertMetrics(batch);
                insertNanos[0] += System.nanoTime() - start;
            });
            data.forEachCandleBatch(IngestBench.LARGE_BATCH, batch -> candles[0] += store.upsertCandles(batch));
            store.upsertPerformance(Dataset.snapshots());
            store.optimize();
            long stored = store.count(StoreTable.TRADING_METRICS, TimeRange.all());
            if (stored != points) {
                throw new IllegalStateException(engine + " holds " + stored + " points, not " + points);
            }
            rate = points / (insertNanos[0] / 1e9);
            bytes = file.isPresent() ? fileBytes(file.get()) : store.stats().stream()
                    .filter(stats -> stats.table() == StoreTable.TRADING_METRICS).findFirst()
                    .flatMap(stats -> stats.bytesOnDisk().isPresent() ? Optional.of(stats.bytesOnDisk().getAsLong())
                            : Optional.empty()).orElse(-1L);
        }
        context.figure(loadFigure(engine, points), rate);
        table.row(engine, Figures.count(points), Figures.count(candles[0]),
                Figures.count(Dataset.snapshots().size()), Figures.rate(rate),
                Figures.seconds((System.nanoTime() - began) / 1e9), Figures.megabytes(bytes));
        return new Loaded(engine, points, file, schema, rate, bytes);
    }

    private static long fileBytes(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
