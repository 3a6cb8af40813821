package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * duckdb_jdbc is an optional dependency of the migration module: a copy between two PostgreSQL stores runs in a JVM
 * whose class path has no DuckDB at all (no driver, no DuckDB store, no DuckDB Flyway plugin), and asking that JVM
 * for Parquet fails with one line naming the module to add.
 */
class PostgresCopyWithoutDuckDbTest {
    @TempDir
    Path dir;

    @Test
    void aPostgresToPostgresCopyRunsWithoutDuckDbAndParquetNamesTheMissingModule() throws Exception {
        String from = TestStores.newSchema();
        String to = TestStores.newSchema();
        try {
            try (MetricsStore source = TestStores.timescale(from); MetricsStore target = TestStores.timescale(to)) {
                TestRows.fill(source, 5_000, 50, 5);
            }
            String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> !entry.toLowerCase().contains("duckdb"))
                    .collect(Collectors.joining(File.pathSeparator));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", classPath, CopyWithoutDuckDb.class.getName(), from, to,
                    dir.resolve("state").toString(), dir.resolve("export").toString())
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(child.exitValue()).as(output).isZero();
            List<String> lines = output.lines().filter(l -> l.matches("^(duckdb|copy|parquet): .*")).toList();
            assertThat(lines).as(output).containsExactly(
                    "duckdb: absent",
                    "copy: COPIED, verified true",
                    "parquet: writing Parquet files (or export as CSV, which does not) needs the embedded DuckDB "
                            + "engine, which is not on the classpath; add org.duckdb:duckdb_jdbc (or the "
                            + "trading-metrics-storage-duckdb module, which brings it) to the application");
            try (MetricsStore source = TestStores.timescale(from); MetricsStore target = TestStores.timescale(to)) {
                for (StoreTable table : StoreTable.values()) {
                    assertThat(TestRows.digest(target, table)).as(table.tableName())
                            .isEqualTo(TestRows.digest(source, table));
                }
            }
        } finally {
            TestStores.dropSchema(from);
            TestStores.dropSchema(to);
        }
    }
}
