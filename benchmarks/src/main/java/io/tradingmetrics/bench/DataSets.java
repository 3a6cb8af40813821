package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The small and the large data set, loaded through the SPI into a DuckDB file and (when there is a server) a
 * TimescaleDB schema each, then optimized (statistics, checkpoint or VACUUM ANALYZE) as an operator would after a
 * bulk load. The queries, start-up and migration sections read them.
 */
final class DataSets {
    /** One data set in one engine. */
    record Loaded(String engine, long points, Optional<Path> duckDbFile, Optional<String> schema) {}

    private final RunContext context;
    private Loaded duckSmall;
    private Loaded duckLarge;
    private Loaded timescaleSmall;
    private Loaded timescaleLarge;

    DataSets(RunContext context) {
        this.context = context;
    }

    void load() throws Exception {
        BenchOptions options = context.options();
        ResultTable table = new ResultTable("Data sets, loaded through the SPI (batches of 100,000)", "engine",
                "points", "candles", "snapshots", "points/s", "load + optimize");
        duckSmall = loadDuckDb(options.smallPoints(), table);
        duckLarge = loadDuckDb(options.points(), table);
        if (context.timescaleUrl().isPresent()) {
            timescaleSmall = loadTimescale(options.smallPoints(), table);
            timescaleLarge = loadTimescale(options.points(), table);
        }
        table.note("20 metrics x 50 symbols over 30 days, shared labels maps; candles per symbol evenly over the"
                + " 30 days; a portfolio snapshot every 5 minutes.");
        context.report().add(table);
    }

    List<Loaded> all() {
        return duckSmall == null ? List.of() : timescaleSmall == null ? List.of(duckSmall, duckLarge)
                : List.of(duckSmall, duckLarge, timescaleSmall, timescaleLarge);
    }

    Loaded duckDbLarge() {
        return duckLarge;
    }

    Optional<Loaded> timescaleLarge() {
        return Optional.ofNullable(timescaleLarge);
    }

    /** @return a store on the data set, opened as an application opens it */
    MetricsStore open(Loaded data) {
        return data.duckDbFile().isPresent() ? Stores.duckdb(data.duckDbFile().get(), true)
                : Stores.timescale(context.timescaleUrl().orElseThrow(), data.schema().orElseThrow(), true);
    }

    /** @return the name of the figure: points per second of loading that many points into an empty store */
    static String loadFigure(String engine, long points) {
        return engine + ".load." + points;
    }

    private Loaded loadDuckDb(long points, ResultTable table) {
        Path file = context.newDuckDbFile("dataset-" + points);
        Loaded loaded = new Loaded("DuckDB", points, Optional.of(file), Optional.empty());
        fill(loaded, () -> Stores.duckdb(file, true), table);
        return loaded;
    }

    private Loaded loadTimescale(long points, ResultTable table) {
        String schema = context.newSchema("data_" + points);
        Loaded loaded = new Loaded("TimescaleDB", points, Optional.empty(), Optional.of(schema));
        fill(loaded, () -> Stores.timescale(context.timescaleUrl().orElseThrow(), schema, true), table);
        return loaded;
    }

    private void fill(Loaded loaded, Supplier<MetricsStore> opener, ResultTable table) {
        context.report().progress("loading " + Figures.count(loaded.points()) + " points into " + loaded.engine());
        Dataset data = new Dataset(loaded.points());
        List<Candle> candles = data.candles();
        long began = System.nanoTime();
        try (MetricsStore store = opener.get()) {
            long[] insertNanos = new long[1];
            data.forEachBatch(0, loaded.points(), IngestBench.LARGE_BATCH, batch -> {
                long start = System.nanoTime();
                store.insertMetrics(batch);
                insertNanos[0] += System.nanoTime() - start;
            });
            for (int from = 0; from < candles.size(); from += IngestBench.LARGE_BATCH) {
                store.upsertCandles(candles.subList(from, Math.min(candles.size(), from + IngestBench.LARGE_BATCH)));
            }
            store.upsertPerformance(Dataset.snapshots());
            store.optimize();
            long stored = store.count(StoreTable.TRADING_METRICS, TimeRange.all());
            if (stored != loaded.points()) {
                throw new IllegalStateException(loaded.engine() + " holds " + stored + " points, not " + loaded.points());
            }
            double rate = loaded.points() / (insertNanos[0] / 1e9);
            context.figure(loadFigure(loaded.engine(), loaded.points()), rate);
            table.row(loaded.engine(), Figures.count(loaded.points()), Figures.count(candles.size()),
                    Figures.count(Dataset.snapshots().size()), Figures.rate(rate),
                    Figures.seconds((System.nanoTime() - began) / 1e9));
        }
    }
}
