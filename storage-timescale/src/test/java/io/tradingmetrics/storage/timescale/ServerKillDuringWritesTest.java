package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.WriteId;
import io.tradingmetrics.storage.api.WriteOutcomeUnknownException;
import io.tradingmetrics.storage.tck.postgres.LocalServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TimescaleDB server is killed ({@code pg_ctl stop -m immediate}, as a crash) three times under four writing
 * threads and started again: every write that returned is stored exactly once, every write that failed with a
 * retryable error is absent, and a write reported as "outcome unknown" is stored exactly once after a retry with
 * its write id. Where the kills fall is chance (mostly mid-write); {@link CommitWaitKillTest} kills at the commit.
 */
class ServerKillDuringWritesTest {
    private static final int WRITERS = 4;
    private static final int BATCH = 500;

    private enum Outcome { STORED, FAILED, UNKNOWN }

    private record Attempt(WriteId id, List<MetricPoint> points) {}

    private static List<MetricPoint> batch(String name) {
        List<MetricPoint> points = new ArrayList<>(BATCH);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        Map<String, String> labels = Map.of("batch", name);
        for (int i = 0; i < BATCH; i++) {
            points.add(MetricPoint.of(start.plusMillis(i), "price", i, "SYM" + (i % 10), labels));
        }
        return points;
    }

    @Test
    void everyWriteIsStoredExactlyOnceOrAbsentAsItsOutcomeSays() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE)) {
            LocalServer local = TestServer.TIMESCALE.local();
            // The test servers run with synchronous_commit = off, under which a crash may lose acknowledged commits.
            String durable = server.url() + "&options=-c%20synchronous_commit%3Don";
            Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
            Map<String, Attempt> unknown = new ConcurrentHashMap<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try (var store = TimescaleMetricsStore.open(server.settings("url", durable, "pool-size", WRITERS,
                    "connect-timeout", "20s"))) {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int n = 0; writing.get(); n++) {
                            String name = "w" + writer + "-" + n;
                            Attempt attempt = new Attempt(WriteId.random(), batch(name));
                            try {
                                store.insertMetrics(attempt.points(), attempt.id());
                                outcomes.put(name, Outcome.STORED);
                            } catch (WriteOutcomeUnknownException e) {
                                assertThat(e.writeId()).isEqualTo(attempt.id());
                                outcomes.put(name, Outcome.UNKNOWN);
                                unknown.put(name, attempt);
                            } catch (MetricsStoreException e) {
                                outcomes.put(name, Outcome.FAILED);
                            }
                        }
                        return null;
                    }));
                }
                for (int kill = 0; kill < 3; kill++) {
                    Thread.sleep(1_500);
                    local.kill();
                    Thread.sleep(500);
                    local.start();
                }
                Thread.sleep(1_000);
                writing.set(false);
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }

                Map<String, Long> stored = rowsPerBatch(server);
                List<String> wrong = new ArrayList<>();
                outcomes.forEach((name, outcome) -> {
                    long rows = stored.getOrDefault(name, 0L);
                    boolean right = switch (outcome) {
                        case STORED -> rows == BATCH;
                        case FAILED -> rows == 0;
                        case UNKNOWN -> rows == 0 || rows == BATCH;
                    };
                    if (!right) {
                        wrong.add(name + " " + outcome + " but " + rows + " rows");
                    }
                });
                assertThat(wrong).isEmpty();
                assertThat(stored.keySet()).as("nothing stored that was not written").isSubsetOf(outcomes.keySet());
                assertThat(outcomes.values()).as("writes that returned, and writes that the kills failed")
                        .contains(Outcome.STORED).containsAnyOf(Outcome.FAILED, Outcome.UNKNOWN);

                unknown.values().forEach(attempt -> store.insertMetrics(attempt.points(), attempt.id()));
                Map<String, Long> afterRetries = rowsPerBatch(server);
                unknown.keySet().forEach(name -> assertThat(afterRetries.get(name)).as(name).isEqualTo(BATCH));
            } finally {
                writing.set(false);
                pool.shutdownNow();
            }
        }
    }

    private static Map<String, Long> rowsPerBatch(TestServer server) throws Exception {
        Map<String, Long> rows = new HashMap<>();
        try (Connection admin = server.admin(); Statement statement = admin.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT labels->>'batch', count(*) FROM trading_metrics GROUP BY 1")) {
            while (row.next()) {
                rows.put(row.getString(1), row.getLong(2));
            }
        }
        return rows;
    }
}
