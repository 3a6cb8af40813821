package io.tradingmetrics.reliability;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writing JVM killed with SIGKILL at random moments, several times over the same store: every batch it
 * acknowledged is there exactly once, and no batch is there in part.
 */
class WriterKillTest {
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void duckDbKeepsEveryAcknowledgedBatchExactlyOnceAndNoPartialBatch() throws Exception {
        killWriterRepeatedly("duckdb:" + dir.resolve("kill.duckdb"));
    }

    @Test
    void timescaleKeepsEveryAcknowledgedBatchExactlyOnceAndNoPartialBatch() throws Exception {
        String spec = ReliabilityStores.newTimescaleSpec();
        try {
            killWriterRepeatedly(spec);
        } finally {
            ReliabilityStores.drop(spec);
        }
    }

    private void killWriterRepeatedly(String spec) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path log = dir.resolve("acks.log");
        Files.createFile(log);
        try (MetricsStore store = ReliabilityStores.open(spec)) {
            store.health(); // creates the schema before the first child races to
        }
        for (int run = 0; run < KILLS; run++) {
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), AckingWriterMain.class.getName(),
                    spec, log.toString(), Integer.toString(run))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("writer-" + run + ".log").toFile()).start();
            long acked = Files.readAllLines(log).size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // Let it acknowledge a few batches, then kill it at a random point of a later one.
            while (Files.readAllLines(log).size() < acked + 3 && System.nanoTime() < deadline && writer.isAlive()) {
                Thread.sleep(20);
            }
            Thread.sleep(random.nextInt(400));
            assertThat(writer.isAlive()).as("writer %s is still writing (see writer-%s.log)", run, run).isTrue();
            writer.destroyForcibly(); // SIGKILL
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Set<String> acknowledged = new HashSet<>(Files.readAllLines(log));
        Map<String, Long> rowsPerBatch;
        try (MetricsStore store = ReliabilityStores.open(spec);
             Stream<MetricPoint> rows = store.streamMetrics(TimeRange.all())) {
            rowsPerBatch = rows.collect(Collectors.groupingBy(p -> p.symbol().orElseThrow(), TreeMap::new,
                    Collectors.counting()));
        }
        assertThat(acknowledged).as("seed %s: batches acknowledged", seed).hasSizeGreaterThanOrEqualTo(3 * KILLS);
        List<String> missing = new ArrayList<>();
        for (String batch : acknowledged) {
            if (!rowsPerBatch.containsKey(batch)) {
                missing.add(batch);
            }
        }
        assertThat(missing).as("seed %s: acknowledged batches lost", seed).isEmpty();
        assertThat(rowsPerBatch).as("seed %s: every stored batch whole and stored once", seed)
                .allSatisfy((batch, rows) -> assertThat(rows).as(batch).isEqualTo(AckingWriterMain.BATCH));
    }
}
