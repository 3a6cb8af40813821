package io.tradingmetrics.cli;

import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.tradingmetrics.cli.DemoTestData.url;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code stats} of a DuckDB file with 1 MB overwritten, run as a user runs it: in its own JVM. */
class DamagedStoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void statsOfADamagedFileSaysItIsDamagedAndHowToRestoreAndFails() throws Exception {
        Path file = dir.resolve("damaged.duckdb");
        Random random = new Random(3);
        try (MetricsStore store = MetricsStores.open(url(file))) {
            for (int batch = 0; batch < 5; batch++) {
                List<MetricPoint> points = new ArrayList<>();
                for (int i = 0; i < 100_000; i++) {
                    points.add(new MetricPoint(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(batch * 100_000L + i),
                            "price", random.nextDouble(), Optional.of("S" + i % 50), Map.of("k", "v" + random.nextInt(999))));
                }
                store.insertMetrics(points);
            }
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(raw.length() / 2);
            raw.write(new byte[1 << 20]);
        }

        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MetricsCli.class.getName(), "stats", "--store", url(file))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        String described = "the DuckDB file " + file.toAbsolutePath();
        assertThat(process.exitValue()).as(Files.readString(err)).isEqualTo(1);
        assertThat(lines).last().asString()
                .startsWith("health: FAILING (duckdb) " + described + ": cannot check health: " + described
                        + " is damaged (Data Corruption Error: Corrupt database file: computed checksum ")
                .endsWith("); restore it from the store's latest export (import that into a new file) or from a backup"
                        + " copy of the file, and keep the damaged file until the restore is checked");
    }
}
