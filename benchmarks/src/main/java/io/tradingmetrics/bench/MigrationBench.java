package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.duckdb.DuckDbBenchmarkSql;
import io.tradingmetrics.storage.jdbc.ReadSql;
import io.tradingmetrics.storage.jdbc.SqlBuilder;
import io.tradingmetrics.storage.timescale.TimescaleBenchmarkSql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The large data set's points migrated through the migration module in each direction, each in a child JVM limited
 * to a 256 MB heap, against the raw limit: the slower of the source's export (a plain JDBC streaming read of the SQL
 * the store streams with) and the target's bulk load of as many points into an empty store (the data set's load of
 * this run, through the store's bulk path, which {@link IngestBench} shows to be at least as fast as the raw one).
 * Loading slows down as a table grows, so a load rate measured on fewer points would overstate the limit.
 */
final class MigrationBench {
    static final String HEAP = "-Xmx256m";
    private static final long HEAP_LIMIT = 256L * 1024 * 1024;

    private final RunContext context;
    private final DataSets dataSets;

    MigrationBench(RunContext context, DataSets dataSets) {
        this.context = context;
        this.dataSets = dataSets;
    }

    void run() throws Exception {
        if (dataSets.timescaleLarge().isEmpty()) {
            context.report().target(new Target("Migration", ">= 80% of the raw limit, heap <= 256 MB",
                    "needs a TimescaleDB server", Target.Verdict.NOT_RUN));
            return;
        }
        ResultTable table = new ResultTable("Migration of the points (StoreMigrator, child JVM " + HEAP + ", batches of "
                + Figures.count(context.options().migrationBatch()) + ")", "direction", "points", "seconds", "rows/s", "export rows/s",
                "target load rows/s", "of raw limit", "of shared-CPU limit", "peak live heap", "peak heap used", "CPU s: migration JVM",
                "PostgreSQL", "machine");
        String url = context.timescaleUrl().orElseThrow();
        DataSets.Loaded duck = dataSets.duckDbLarge();
        DataSets.Loaded timescale = dataSets.timescaleLarge().get();
        Path duckFile = duck.duckDbFile().orElseThrow();

        double duckExport = exportRate(duck);
        String target = context.newSchema("migrated");
        migrate(table, "DuckDB -> TimescaleDB", "duckdb-to-timescale", duckFile, target, duck.points(), duckExport,
                context.figure(DataSets.loadFigure(timescale.engine(), timescale.points())));
        context.dropSchema(target);

        double timescaleExport = exportRate(timescale);
        Path targetFile = context.newDuckDbFile("migrated");
        migrate(table, "TimescaleDB -> DuckDB", "timescale-to-duckdb", targetFile, timescale.schema().orElseThrow(),
                timescale.points(), timescaleExport, context.figure(DataSets.loadFigure(duck.engine(), duck.points())));
        RunContext.deleteDuckDbFile(targetFile);

        table.note("raw limit: the slower of the export (a plain JDBC streaming read of all points, the store's SQL)"
                + " and the target load (this run's load of as many points into an empty store of the target, see"
                + " Data sets); rows/s over the whole migrate() call (planning by counts, copying, checkpointing;"
                + " without verification).");
        table.note("shared-CPU limit: 1 / (1/export + 1/load), the rate if export and load, each measured alone with"
                + " the machine to itself, must share its cores (both engines and the copy run on this machine).");
        table.note("CPU s: CPU time of the migration's JVM, of the PostgreSQL server's processes and of the whole"
                + " machine (every user) during the migrate() call; the machine has " + Machine.cores() + " cores, so"
                + " seconds x " + Machine.cores() + " is all it can give.");
        table.note("peak live heap: the most the heap held right after a garbage collection (what the migration"
                + " keeps); peak heap used: the most it held at all, garbage included, sampled every 5 ms (at most the"
                + " -Xmx limit, which the run would fail to stay within with an OutOfMemoryError).");
        context.report().add(table);
    }

    private void migrate(ResultTable table, String name, String direction, Path duckFile, String schema, long points,
                         double exportRate, Optional<Double> loadRate) throws Exception {
        context.report().progress("migration: " + name + ", " + Figures.count(points) + " points");
        Path state = Files.createTempDirectory(context.folder(), "migration-state-");
        Map<String, String> result;
        try (ChildJvm child = ChildJvm.start(List.of(HEAP), MigrationChild.class, List.of(direction,
                duckFile.toString(), context.timescaleUrl().orElseThrow(), schema, state.toString(),
                Integer.toString(context.options().migrationBatch())))) {
            result = child.finish();
        }
        double machineCpu = Double.parseDouble(result.get("machineCpuSeconds"));
        double postgresCpu = Double.parseDouble(result.get("postgresCpuSeconds"));
        long rows = Long.parseLong(result.get("rows"));
        if (rows != points) {
            throw new IllegalStateException(name + " copied " + rows + " points of " + points);
        }
        double rate = rows / Double.parseDouble(result.get("seconds"));
        long peakHeap = Long.parseLong(result.get("peakLiveHeapBytes"));
        long peakUsed = Long.parseLong(result.get("peakUsedHeapBytes"));
        double limit = loadRate.map(load -> Math.min(load, exportRate)).orElse(Double.NaN);
        double sharedLimit = loadRate.map(load -> 1 / (1 / load + 1 / exportRate)).orElse(Double.NaN);
        table.row(name, Figures.count(rows), Figures.seconds(Double.parseDouble(result.get("seconds"))),
                Figures.rate(rate), Figures.rate(exportRate), loadRate.map(Figures::rate).orElse("-"),
                Figures.percent(rate / limit), Figures.percent(rate / sharedLimit), Figures.megabytes(peakHeap),
                Figures.megabytes(peakUsed),
                Figures.seconds(Double.parseDouble(result.get("cpuSeconds"))), Figures.seconds(postgresCpu),
                Figures.seconds(machineCpu));
        boolean met = rate >= 0.8 * limit && peakHeap <= HEAP_LIMIT;
        context.report().target(new Target("Migration " + name + " (" + Figures.count(points) + " points)",
                ">= 80% of the raw limit, heap <= 256 MB",
                Figures.percent(rate / limit) + " of " + Figures.rate(limit) + " rows/s, peak heap "
                        + Figures.megabytes(peakHeap) + " live (ran in " + HEAP + ")",
                Double.isNaN(limit) ? Target.Verdict.NOT_RUN : Target.Verdict.of(met)));
    }

    /** Reads every point as the store's stream does (same SQL, same fetch size), on a plain JDBC connection. */
    private double exportRate(DataSets.Loaded data) throws SQLException {
        context.report().progress("migration: raw export rate of " + data.engine());
        try (Connection connection = data.duckDbFile().isPresent() ? Stores.duckdbJdbc(data.duckDbFile().get())
                : Stores.timescaleJdbc(context.timescaleUrl().orElseThrow(), data.schema().orElseThrow())) {
            SqlBuilder sql = new ReadSql(data.duckDbFile().isPresent() ? DuckDbBenchmarkSql.dialect()
                    : TimescaleBenchmarkSql.dialect(connection)).streamAll(StoreTable.TRADING_METRICS, TimeRange.all());
            connection.setAutoCommit(false);
            long began = System.nanoTime();
            long rows = 0;
            try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
                statement.setFetchSize(10_000);
                sql.bind(statement);
                try (ResultSet result = statement.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        for (int c = 1; c <= columns; c++) {
                            result.getObject(c);
                        }
                        rows++;
                    }
                }
            } finally {
                connection.rollback();
            }
            return rows / ((System.nanoTime() - began) / 1e9);
        }
    }
}
