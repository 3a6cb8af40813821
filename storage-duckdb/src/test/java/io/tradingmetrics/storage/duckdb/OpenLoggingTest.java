package io.tradingmetrics.storage.duckdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an app's log shows when it opens a store with its logging at INFO (slf4j-simple here): one line of the store's
 * own, whether the open creates the schema or finds it current; Flyway's and the driver's routine messages only at
 * DEBUG. Child JVMs, so that the levels are set before the first logger exists, as in an app.
 */
class OpenLoggingTest {
    @TempDir
    Path folder;

    @Test
    void openingAStoreLogsOneLineAtInfo() throws Exception {
        Path file = folder.resolve("metrics.duckdb").toAbsolutePath();
        String line = "INFO io.tradingmetrics.storage.jdbc.JdbcMetricsStore - opened duckdb store: the DuckDB file "
                + file + " (schema version 7)";

        assertThat(openAt("info", file)).as("creating the file and its schema").containsExactly(line);
        assertThat(openAt("info", file)).as("reopening the current file").containsExactly(line);
    }

    @Test
    void flywaysMessagesAreThereAtDebug() throws Exception {
        Path file = folder.resolve("metrics.duckdb").toAbsolutePath();

        assertThat(openAt("debug", file))
                .anySatisfy(l -> assertThat(l).startsWith("DEBUG org.flywaydb.").contains("Successfully validated"))
                .anySatisfy(l -> assertThat(l).startsWith("INFO io.tradingmetrics.storage.jdbc.JdbcMetricsStore"));
    }

    /** @return the child's standard error, line by line, after it opened and closed the store */
    private static List<String> openAt(String level, Path file) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + level, "-Dorg.slf4j.simpleLogger.showThreadName=false",
                OpenStoreMain.class.getName(), file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
        assertThat(process.exitValue()).as("the child's exit code; its output: %s", err).isZero();
        return err.lines().toList();
    }
}
