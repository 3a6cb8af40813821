package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreNotFoundException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.OpenMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each {@link OpenMode} may do to a DuckDB file: only MIGRATE and CONFIGURED write. */
class OpenModeTest {
    private final DuckDbMetricsStoreFactory factory = new DuckDbMetricsStoreFactory();

    @TempDir
    Path folder;

    private static Config block(Path file, boolean migrateOnStart) {
        return ConfigFactory.parseMap(Map.of("path", file.toString(), "migrate-on-start", migrateOnStart));
    }

    @Test
    void readingOrValidatingAMissingFileCreatesNeitherTheFileNorItsFolder() {
        Path file = folder.resolve("typo/metrcs.duckdb");
        for (OpenMode mode : List.of(OpenMode.READ_ONLY, OpenMode.VALIDATE)) {
            assertThatThrownBy(() -> factory.open(block(file, true), mode)).as(mode.name())
                    .isInstanceOf(StoreNotFoundException.class)
                    .hasMessage("the DuckDB file " + file + " does not exist; check the path, or open the store for"
                            + " writing to create it");
        }
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void aRelativePathIsNamedAsGivenAndAsResolvedAgainstTheWorkingDirectory() {
        String relative = "no-such-folder-" + ProcessHandle.current().pid() + "/metrics.duckdb";
        Path cwd = Path.of("").toAbsolutePath();
        assertThatThrownBy(() -> factory.open(ConfigFactory.parseMap(Map.of("path", relative)), OpenMode.READ_ONLY))
                .isInstanceOf(StoreNotFoundException.class)
                .hasMessage("the DuckDB file " + relative + " (" + cwd.resolve(relative) + ", relative to the working"
                        + " directory " + cwd + ") does not exist; check the path, or open the store for writing to"
                        + " create it");
        assertThat(cwd.resolve(relative).getParent()).doesNotExist();
    }

    @Test
    void describesTheStoreByItsAbsolutePath() {
        assertThat(factory.describe(ConfigFactory.parseMap(Map.of("path", "data/../data/m.duckdb"))))
                .isEqualTo("duckdb " + Path.of("data/m.duckdb").toAbsolutePath());
        assertThat(factory.describe(ConfigFactory.parseMap(Map.of("path", ":memory:")))).isEqualTo("duckdb :memory:");
    }

    @Test
    void readOnlyReadsAnOlderSystemsFileAsItIsAndLeavesItsBytesUnchanged() throws Exception {
        Path file = folder.resolve("legacy.duckdb");
        try (Connection legacy = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            LegacyAdoptionTest.execute(legacy, LegacyAdoptionTest.LEGACY_DDL);
            LegacyAdoptionTest.execute(legacy, "INSERT INTO trading_metrics VALUES"
                    + " ('2025-01-01 10:00:00.5', 'm', 1.5, 'S', '{\"k\": \"v\"}'), ('2025-01-02 00:00:00', 'm', 2, NULL, NULL)");
        }
        byte[] before = Files.readAllBytes(file);

        try (MetricsStore store = factory.open(block(file, true), OpenMode.READ_ONLY)) {
            assertThat(store.queryMetrics(MetricQuery.of("m", TimeRange.all()))).containsExactly(
                    new MetricPoint(Instant.parse("2025-01-02T00:00:00Z"), "m", 2, Optional.empty(), Map.of()),
                    MetricPoint.of(Instant.parse("2025-01-01T10:00:00.5Z"), "m", 1.5, "S", Map.of("k", "v")));
            try (Stream<MetricPoint> points = store.streamMetrics(TimeRange.all())) {
                assertThat(points).hasSize(2);
            }
            // Without the series catalogue (schema V5), the latest points come from the raw rows.
            assertThat(store.latest(LatestQuery.all())).containsExactly(
                    new MetricPoint(Instant.parse("2025-01-02T00:00:00Z"), "m", 2, Optional.empty(), Map.of()),
                    MetricPoint.of(Instant.parse("2025-01-01T10:00:00.5Z"), "m", 1.5, "S", Map.of("k", "v")));
            assertThat(store.count(StoreTable.TRADING_METRICS,
                    TimeRange.of(Instant.parse("2025-01-01T10:00:00Z"), Instant.parse("2025-01-01T11:00:00Z"))))
                    .isEqualTo(1);
            SchemaInfo schema = store.schemaInfo();
            assertThat(schema.notAdopted()).isTrue();
            assertThat(schema.currentVersion()).isEqualTo("none");
            assertThat(schema.history().get(0)).startsWith("1 schema of the older system: not adopted");
            assertThatThrownBy(() -> store.insertMetric(MetricPoint.of(Instant.EPOCH, "m", 3)))
                    .isInstanceOf(MetricsStoreException.class).hasMessageContaining("is open read-only");
        }
        assertThat(Files.readAllBytes(file)).as("the file's bytes").isEqualTo(before);
        assertThat(Path.of(file + ".wal")).doesNotExist();
        assertThatThrownBy(() -> factory.open(block(file, true), OpenMode.VALIDATE))
                .isInstanceOf(SchemaException.class).hasMessageContaining("has not been adopted yet");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void readOnlyOfAFileWithoutTheTablesIsAnEmptyStoreAndValidateRefusesIt() throws Exception {
        Path file = folder.resolve("empty.duckdb");
        DriverManager.getConnection("jdbc:duckdb:" + file).close();
        byte[] before = Files.readAllBytes(file);
        try (MetricsStore store = factory.open(block(file, true), OpenMode.READ_ONLY)) {
            assertThat(store.count(StoreTable.CANDLES, TimeRange.all())).isZero();
            assertThat(store.stats()).extracting(s -> s.rowCount()).containsExactly(0L, 0L, 0L);
            assertThat(store.schemaInfo().currentVersion()).isEqualTo("none");
            assertThat(store.schemaInfo().latestVersion()).isEqualTo("7");
            assertThatThrownBy(() -> store.insertMetric(MetricPoint.of(Instant.EPOCH, "m", 1)))
                    .isInstanceOf(MetricsStoreException.class).hasMessageContaining("holds none of the store's tables");
        }
        assertThatThrownBy(() -> factory.open(block(file, true), OpenMode.VALIDATE))
                .isInstanceOf(SchemaException.class).hasMessageContaining("has no schema");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void readOnlyTakesASharedLockSoAnotherReaderMayHoldTheFile() throws Exception {
        Path file = folder.resolve("shared.duckdb");
        try (MetricsStore store = factory.open(block(file, false), OpenMode.MIGRATE)) {
            store.insertMetric(MetricPoint.of(Instant.EPOCH, "m", 1));
        }
        Process holder = startReadOnlyHolder(file);
        try (MetricsStore reader = factory.open(block(file, true), OpenMode.READ_ONLY);
             MetricsStore validator = factory.open(block(file, true), OpenMode.VALIDATE)) {
            assertThat(reader.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
            assertThat(validator.schemaInfo().isUpToDate()).isTrue();
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(20, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    void migrateCreatesAndUpgradesWhateverMigrateOnStartSays() throws Exception {
        Path file = folder.resolve("new/m.duckdb");
        try (MetricsStore store = factory.open(block(file, false), OpenMode.MIGRATE)) {
            assertThat(store.schemaInfo().isUpToDate()).isTrue();
        }
        assertThat(file).exists();
    }

    private static Process startReadOnlyHolder(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), file.toString(), "read-only")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(output.readLine()).as("the holder's first line").isEqualTo("LOCKED");
        return process;
    }
}
