package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreDamagedException;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store file damaged on disk (1 MB overwritten, or cut short): health and every read say so, with the way out. */
class DamagedFileTest {
    private static final int MEGABYTE = 1 << 20;

    @TempDir
    static Path folder;
    static Path intact;

    @BeforeAll
    static void writeAStoreOfSeveralMegabytes() {
        intact = folder.resolve("intact.duckdb");
        Random random = new Random(7);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(intact.toString()))) {
            for (int batch = 0; batch < 5; batch++) {
                List<MetricPoint> points = new ArrayList<>();
                for (int i = 0; i < 100_000; i++) {
                    int n = batch * 100_000 + i;
                    points.add(new MetricPoint(start.plusSeconds(n), "price", random.nextDouble(), java.util.Optional.of("S" + (n % 50)),
                            Map.of("venue", "v" + random.nextInt(1000))));
                }
                store.insertMetrics(points);
            }
        }
    }

    /** @return a copy of the intact store with {@code damage} done to it */
    private static Path damaged(String name, Damage damage) throws Exception {
        Path file = folder.resolve(name + ".duckdb");
        Files.copy(intact, file);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            damage.apply(raw);
        }
        return file;
    }

    private interface Damage {
        void apply(RandomAccessFile file) throws Exception;
    }

    @Test
    void theIntactFileIsLargeEnoughToDamageAndHealthy() throws Exception {
        assertThat(Files.size(intact)).isGreaterThan(4L * MEGABYTE);
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(intact.toString()))) {
            StoreHealth health = store.health();
            assertThat(health.healthy()).isTrue();
            // Every table of the file is read: the points, and what the store keeps beside them (the series
            // catalogue, the write log, the schema history).
            String verified = health.details().get("verified");
            assertThat(verified).matches("\\d+ rows of \\d+ tables read, block checksums checked");
            assertThat(Long.parseLong(verified.split(" ")[0])).isGreaterThan(500_000);
            assertThat(Integer.parseInt(verified.split(" ")[3])).isGreaterThan(3);
        }
    }

    @Test
    void oneMegabyteOverwrittenInTheMiddleIsReportedAsDamageByHealthAndReads() throws Exception {
        Path file = damaged("overwritten", raw -> {
            raw.seek(raw.length() / 2);
            raw.write(new byte[MEGABYTE]);
        });

        assertHealthAndReadsReportDamage(file, "Data Corruption Error: Corrupt database file: computed checksum");
    }

    @Test
    void aFileCutShortByOneMegabyteIsReportedAsDamageByHealthAndReads() throws Exception {
        Path file = damaged("truncated", raw -> raw.setLength(raw.length() - MEGABYTE));

        assertHealthAndReadsReportDamage(file, "IO Error: Could not read enough bytes from file");
    }

    private static void assertHealthAndReadsReportDamage(Path file, String duckDbSays) {
        String wayOut = "); restore it from the store's latest export (import that into a new file) or from a backup"
                + " copy of the file, and keep the damaged file until the restore is checked";
        DuckDbStoreConfig config = DuckDbStoreConfig.of(file.toString());
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(config)) {
            String damaged = config.description() + " is damaged (" + duckDbSays;
            StoreHealth health = store.health();
            assertThat(health.healthy()).isFalse();
            assertThat(health.message()).startsWith(config.description() + ": cannot check health: "
                    + damaged).endsWith(wayOut).doesNotContain("\n");

            assertThatThrownBy(() -> {
                try (Stream<MetricPoint> points = store.streamMetrics(TimeRange.all())) {
                    points.count();
                }
            })
                    .isInstanceOf(StoreDamagedException.class)
                    .hasMessageStartingWith("cannot stream trading_metrics: " + damaged)
                    .hasMessageEndingWith(wayOut)
                    .hasCauseInstanceOf(SQLException.class);
        }
    }
}
