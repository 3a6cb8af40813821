package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A commit that meets a full disk (an 8 MB tmpfs mounted for the test; it needs root, as CI has) names the disk. */
class DiskFullTest {
    @TempDir
    Path folder;
    private Path disk;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        disk = folder.resolve("small-disk");
        java.nio.file.Files.createDirectories(disk);
        run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", disk.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", "-l", disk.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed (this test mounts a small tmpfs and needs root): " + output);
        }
    }

    @Test
    void aWriteThatFillsTheDiskSaysWhichDiskAndKeepsWhatWasStored() {
        Path file = disk.resolve("full.duckdb");
        Random random = new Random(5);
        long stored = 0;
        MetricsStoreException failure = null;
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            for (int batch = 0; batch < 100 && failure == null; batch++) {
                List<MetricPoint> points = new ArrayList<>();
                for (int i = 0; i < 50_000; i++) {
                    points.add(new MetricPoint(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(stored + i), "price",
                            random.nextDouble(), Optional.of("S" + random.nextInt(1000)),
                            Map.of("k", Long.toHexString(random.nextLong()))));
                }
                try {
                    stored += store.insertMetrics(points);
                } catch (MetricsStoreException e) {
                    failure = e;
                }
            }
        }

        assertThat(failure).as("the 8 MB disk filled up").isNotNull();
        assertThat(failure.getMessage()).contains("the disk holding " + disk + " is full (DuckDB: ")
                .endsWith("); free space there and retry (the failed work was rolled back)")
                .doesNotContain("\n");
        assertThat(failure.getCause()).isNotNull();
        assertAcknowledgedPointsKept(file, stored);
    }

    /** What was acknowledged before the disk filled is still there once space is free again. */
    private static void assertAcknowledgedPointsKept(Path file, long stored) {
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(stored);
        }
    }
}
