package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.migration.internal.JsonTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy killed with SIGKILL in a child JVM while a chunk is half-written, then resumed here: the target ends equal
 * to the source (plus, when appending, exactly the rows it held before), no row lost, none doubled.
 */
class KillAndResumeTest {
    private static final int POINTS = 40_000;

    @TempDir
    Path dir;

    static MigrationOptions options(Path state) {
        return MigrationOptions.defaults().withStateDirectory(state).withBatchSize(1_000).withChunkRows(5_000)
                .withParallelism(2);
    }

    @Test
    void aCopyKilledMidChunkResumesToAnExactCopy() throws Exception {
        String source = "duckdb:" + dir.resolve("source.duckdb");
        try (MetricsStore store = TestStores.open(source)) {
            TestRows.fill(store, POINTS, 300, 40);
        }
        killAndResume(source, "duckdb:" + dir.resolve("target.duckdb"));
    }

    @Test
    void aCopyIntoTimescaleKilledMidChunkResumesToAnExactCopy() throws Exception {
        String source = "duckdb:" + dir.resolve("source.duckdb");
        try (MetricsStore store = TestStores.open(source)) {
            TestRows.fill(store, POINTS, 300, 40);
        }
        String schema = TestStores.newSchema();
        try {
            killAndResume(source, "timescale:" + schema);
        } finally {
            TestStores.dropSchema(schema);
        }
    }

    private void killAndResume(String source, String target) throws Exception {
        TestStores.open(target).close();
        long copiedBeforeKill = doneRows(killMidCopy(source, target, false));

        RecordingListener listener = new RecordingListener();
        try (MetricsStore from = TestStores.open(source); MetricsStore to = TestStores.open(target)) {
            long inTarget = to.count(StoreTable.TRADING_METRICS, TimeRange.all());
            assertThat(inTarget).as("a chunk was half-written when the copy was killed")
                    .isGreaterThan(copiedBeforeKill);

            MigrationReport report = new StoreMigrator(listener).migrate(RowSource.of(TestStores.id(source), from),
                    to, TestStores.id(target), options(dir.resolve("state")).withVerify(true));

            MigrationReport.TableReport metrics = report.tables().get(0);
            assertThat(metrics.chunksSkipped()).isGreaterThanOrEqualTo(CopyUntilKilled.CHUNKS_BEFORE_STALL);
            assertThat(metrics.rowsCleared()).isEqualTo(inTarget - copiedBeforeKill);
            assertThat(listener.messages).anyMatch(m -> m.contains("half-written by an interrupted run"));
            assertThat(report.verification().orElseThrow().matches()).as(report.summary()).isTrue();
            for (StoreTable table : StoreTable.values()) {
                assertThat(TestRows.digest(to, table)).as(table.tableName()).isEqualTo(TestRows.digest(from, table));
            }
        }
    }

    @Test
    void anAppendKilledMidChunkResumesKeepingTheRowsTheTargetHeld() throws Exception {
        Path source = dir.resolve("source.duckdb");
        Path target = dir.resolve("target.duckdb");
        try (MetricsStore store = TestStores.duckDb(source)) {
            TestRows.fill(store, POINTS, 0, 0);
        }
        // The target already holds every tenth source point (exact duplicates, the hardest case), spread over
        // every chunk, and a point of its own.
        List<MetricPoint> held = new ArrayList<>();
        for (int i = 0; i < POINTS; i += 10) {
            held.add(TestRows.metric(i));
        }
        held.add(MetricPoint.of(TestRows.START.plusSeconds(1), "target only", 42));
        Digest heldDigest;
        try (MetricsStore store = TestStores.duckDb(target)) {
            store.insertMetrics(held);
            heldDigest = TestRows.digest(store, StoreTable.TRADING_METRICS);
        }

        killMidCopy("duckdb:" + source, "duckdb:" + target, true);

        try (MetricsStore from = TestStores.duckDb(source); MetricsStore to = TestStores.duckDb(target)) {
            RecordingListener listener = new RecordingListener();
            MigrationReport report = new StoreMigrator(listener).migrate(RowSource.of(TestStores.duckDbId(source),
                    from), to, TestStores.duckDbId(target), options(dir.resolve("state")).withAppend(true));

            assertThat(report.tables().get(0).rowsCleared()).isPositive();
            assertThat(TestRows.digest(to, StoreTable.TRADING_METRICS))
                    .isEqualTo(TestRows.digest(from, StoreTable.TRADING_METRICS).plus(heldDigest));
        }
        try (Stream<Path> files = Files.list(dir.resolve("state"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("undo files are removed once used")
                    .noneMatch(name -> name.contains("-undo-"));
        }
    }

    /** Runs the copy in a child JVM, waits until it stalls mid-chunk, kills it. @return the checkpoint then */
    private Map<String, Object> killMidCopy(String source, String target, boolean append) throws Exception {
        Path state = dir.resolve("state");
        Path marker = dir.resolve("stalled");
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Duser.timezone=Asia/Kathmandu", "-cp", System.getProperty("java.class.path"),
                CopyUntilKilled.class.getName(), source, target, state.toString(),
                marker.toString(), Boolean.toString(append))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!Files.exists(marker)) {
                assertThat(child.isAlive()).as("the child copy died early:%n%s", Files.exists(log)
                        ? Files.readString(log) : "").isTrue();
                assertThat(System.nanoTime()).as("the child copy did not get going").isLessThan(deadline);
                Thread.sleep(50);
            }
            Path checkpointFile;
            try (Stream<Path> files = Files.list(state)) {
                checkpointFile = files.filter(p -> p.getFileName().toString().matches("migrate-[0-9a-f]+\\.json"))
                        .findFirst().orElseThrow();
            }
            assertThat(chunkStatuses(readCheckpoint(checkpointFile)).stream().filter("DONE"::equals).count())
                    .isGreaterThanOrEqualTo(CopyUntilKilled.CHUNKS_BEFORE_STALL);
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // Read again once the child is dead: that is the state the resumed run starts from.
            Map<String, Object> checkpoint = readCheckpoint(checkpointFile);
            assertThat(checkpoint.get("completed")).isNull();
            return checkpoint;
        } finally {
            child.destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readCheckpoint(Path file) throws Exception {
        return (Map<String, Object>) JsonTree.parse(JsonTree.STRICT, Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static List<String> chunkStatuses(Map<String, Object> checkpoint) {
        Map<String, Object> chunks = (Map<String, Object>) checkpoint.get("chunks");
        List<String> statuses = new ArrayList<>();
        chunks.values().forEach(list -> ((List<Object>) list).forEach(chunk ->
                statuses.add((String) ((Map<String, Object>) chunk).get("status"))));
        return statuses;
    }

    @SuppressWarnings("unchecked")
    private static long doneRows(Map<String, Object> checkpoint) {
        List<Object> metrics = (List<Object>) ((Map<String, Object>) checkpoint.get("chunks")).get("trading_metrics");
        return metrics.stream().map(c -> (Map<String, Object>) c).filter(c -> "DONE".equals(c.get("status")))
                .mapToLong(c -> (Long) c.get("copiedRows")).sum();
    }
}
