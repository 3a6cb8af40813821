package io.tradingmetrics.bench;

import io.tradingmetrics.migration.MigrationListener;
import io.tradingmetrics.migration.MigrationOptions;
import io.tradingmetrics.migration.MigrationReport;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.StoreMigrator;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one migration of the points through the migration module in its own JVM (started with a small heap by
 * {@link MigrationBench}) and reports its rate and peak heap.
 *
 * <p>Arguments: {@code duckdb-to-timescale|timescale-to-duckdb <duckdb file> <server url> <schema> <state dir>
 * <batch size>}; the DuckDB file and the schema are the source or the target as the direction says.
 */
public final class MigrationChild {
    private MigrationChild() {}

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        ChildProtocol.HeapWatch heap = ChildProtocol.watchHeap();
        boolean toTimescale = args[0].equals("duckdb-to-timescale");
        Path file = Path.of(args[1]);
        String url = args[2];
        String schema = args[3];
        MigrationOptions options = MigrationOptions.defaults().withTables(List.of(StoreTable.TRADING_METRICS))
                .withBatchSize(Integer.parseInt(args[5])).withStateDirectory(Path.of(args[4]));
        String duckId = "jdbc:duckdb:" + file.toAbsolutePath();
        String timescaleId = url + "#" + schema;
        try (MetricsStore duck = Stores.duckdb(file, true);
             MetricsStore timescale = Stores.timescale(url, schema, true)) {
            MetricsStore source = toTimescale ? duck : timescale;
            MetricsStore target = toTimescale ? timescale : duck;
            CpuMeter cpu = CpuMeter.read();
            double processCpu = processCpuSeconds();
            long began = System.nanoTime();
            MigrationReport report = new StoreMigrator(MigrationListener.NONE).migrate(
                    RowSource.of(toTimescale ? duckId : timescaleId, source), target,
                    toTimescale ? timescaleId : duckId, options);
            double seconds = (System.nanoTime() - began) / 1e9;
            double migrationCpu = processCpuSeconds() - processCpu;
            MigrationReport.TableReport points = report.tables().get(0);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("outcome", report.outcome());
            figures.put("rows", points.rowsCopied());
            figures.put("seconds", seconds);
            figures.put("copySeconds", points.elapsed().toNanos() / 1e9);
            figures.put("peakLiveHeapBytes", heap.peakLiveBytes());
            figures.put("peakUsedHeapBytes", heap.peakUsedBytes());
            figures.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            figures.put("cpuSeconds", migrationCpu);
            figures.put("postgresCpuSeconds", cpu.postgresSecondsSince());
            figures.put("machineCpuSeconds", cpu.machineSecondsSince());
            ChildProtocol.result(figures);
        }
    }
}
