package io.tradingmetrics.reliability;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Streams that callers never close: dropped ones are reclaimed (their connection and result set released, a warning
 * naming where each was opened), so that they exhaust neither the pool nor memory; closing the store ends the ones
 * still held, and a DuckDB file is then free for another process.
 */
class AbandonedStreamsTest {
    private static final int ROWS = 25_000; // more than one fetch, so a stream holds an open cursor
    private static final int ABANDONED = 100;

    @TempDir
    Path dir;

    private String spec(String store) {
        return store.equals("duckdb") ? "duckdb:" + dir.resolve("streams.duckdb") : ReliabilityStores.newTimescaleSpec();
    }

    private static void fill(MetricsStore store) {
        List<MetricPoint> points = new ArrayList<>(ROWS);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < ROWS; i++) {
            points.add(MetricPoint.of(start.plusSeconds(i), "price", i, "BTC"));
        }
        store.insertMetrics(points);
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "timescale"})
    void dropped100StreamsAreReclaimedWithAWarningNamingWhereEachWasOpened(String backend) throws Exception {
        String spec = spec(backend);
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (MetricsStore store = ReliabilityStores.open(spec)) {
            fill(store);
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            for (int i = 0; i < ABANDONED; i++) {
                openAndDrop(store);
            }
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(ROWS);
            try (Stream<MetricPoint> all = store.streamMetrics(TimeRange.all())) {
                assertThat(all.count()).isEqualTo(ROWS);
            }
        } finally {
            System.setErr(originalErr);
            ReliabilityStores.drop(spec);
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("was dropped without being closed")
                .contains("opened at " + AbandonedStreamsTest.class.getName() + ".openAndDrop(");
    }

    /** Reads one row of a new stream and forgets it. */
    private static void openAndDrop(MetricsStore store) {
        Iterator<MetricPoint> rows = store.streamMetrics(TimeRange.all()).iterator();
        assertThat(rows.next().value()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "timescale"})
    void closingTheStoreEndsItsOpenStreamsWithAnErrorNotAShortRead(String backend) throws Exception {
        String spec = spec(backend);
        try {
            Iterator<MetricPoint> reading;
            List<Stream<MetricPoint>> held = new ArrayList<>();
            try (MetricsStore store = ReliabilityStores.open(spec)) {
                fill(store);
                for (int i = 0; i < 3; i++) {
                    held.add(store.streamMetrics(TimeRange.all()));
                }
                reading = held.get(0).iterator();
                reading.next();
            }
            assertThatThrownBy(() -> {
                while (reading.hasNext()) {
                    reading.next();
                }
            }).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("the store was closed while the stream was being read");

            // Nothing of the closed store is left holding the database: another process opens it.
            Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CountRowsMain.class.getName(), spec)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("count.log").toFile()).start();
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("count.log"))).as("exit %s", other.exitValue())
                    .endsWith(ROWS + "\n");
        } finally {
            ReliabilityStores.drop(spec);
        }
    }
}
