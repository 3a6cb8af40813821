package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Another process holding the file, for real: a child JVM. */
class FileLockTest {
    @TempDir
    Path folder;

    @Test
    void anotherProcessHoldingTheFileGivesItsPidAndTheWayOut() throws Exception {
        Path file = folder.resolve("locked.duckdb");
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            store.insertMetric(MetricPoint.of(Instant.EPOCH, "m", 1));
        }
        Process holder = startHolder(file, "read-write");
        try {
            assertThatThrownBy(() -> DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString())))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("process " + holder.pid())
                    .hasMessageContaining("Stop that process")
                    .hasMessageContaining("metrics.store.duckdb.read-only = true");
        } finally {
            stop(holder);
        }
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
        }
    }

    @Test
    void twoProcessesMayReadTheFileWhenBothOpenItReadOnly() throws Exception {
        Path file = folder.resolve("shared.duckdb");
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            store.insertMetric(MetricPoint.of(Instant.EPOCH, "m", 1));
        }
        Process holder = startHolder(file, "read-only");
        try (DuckDbMetricsStore reader = DuckDbMetricsStore.open(
                new DuckDbStoreConfig(file.toString(), 0, "", true, true))) {
            assertThat(reader.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
            assertThat(reader.schemaInfo().isUpToDate()).isTrue();
            assertThat(reader.health().details()).containsEntry("readOnly", "true");
            assertThatThrownBy(() -> reader.insertMetric(MetricPoint.of(Instant.EPOCH, "m", 2)))
                    .isInstanceOf(MetricsStoreException.class).hasMessageContaining("read-only");
        } finally {
            stop(holder);
        }
    }

    @Test
    void aMissingFileOpenedReadOnlyOrAFileThatIsNoDatabaseIsExplained() throws Exception {
        Path missing = folder.resolve("missing/none.duckdb");
        assertThatThrownBy(() -> DuckDbMetricsStore.open(new DuckDbStoreConfig(missing.toString(), 0, "", true, true)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThat(missing.getParent()).doesNotExist();
        Path text = folder.resolve("notes.duckdb");
        java.nio.file.Files.writeString(text, "these are notes, not a database\n".repeat(500));
        assertThatThrownBy(() -> DuckDbMetricsStore.open(DuckDbStoreConfig.of(text.toString())))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining(text.toString());
        assertThat(java.nio.file.Files.readString(text)).startsWith("these are notes");
    }

    @Test
    void parsesDuckDbsLockMessage() {
        String message = "IO Error: Could not set lock on file \"/data/x.duckdb\": Conflicting lock is held in"
                + " /usr/lib/jvm/java-17/bin/java (PID 18611). See also https://duckdb.org/docs/connect/concurrency";
        assertThat(DuckDbErrorTranslator.lockHolder(message))
                .contains(new DuckDbErrorTranslator.LockHolder("/usr/lib/jvm/java-17/bin/java", 18611));
        assertThat(DuckDbErrorTranslator.lockHolder("IO Error: Could not set lock on file \"/x\": unknown"))
                .contains(new DuckDbErrorTranslator.LockHolder("another process", -1));
        assertThat(DuckDbErrorTranslator.lockHolder("Catalog Error: no table")).isEmpty();
    }

    private static Process startHolder(Path file, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), file.toString(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = output.readLine();
        assertThat(line).as("the lock holder's first line").isEqualTo("LOCKED");
        return process;
    }

    private static void stop(Process process) throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
