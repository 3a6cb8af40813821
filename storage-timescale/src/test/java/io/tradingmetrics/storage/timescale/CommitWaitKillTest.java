package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;
import io.tradingmetrics.storage.api.WriteOutcomeUnknownException;
import io.tradingmetrics.storage.tck.postgres.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The TimescaleDB server's side of a write is killed at the one moment a client cannot know the outcome: after the
 * commit is durable, before the answer is sent. To stop a commit exactly there, the server waits for a synchronous
 * standby that does not exist ({@code synchronous_standby_names}, with {@code synchronous_commit = on} for the store's
 * sessions only): the transaction is committed locally and the backend waits. Then the backend is terminated
 * ({@code pg_terminate_backend}) or the whole server is killed ({@code pg_ctl stop -m immediate}).
 */
class CommitWaitKillTest {
    private static final int POINTS = 20_000;

    private TestServer server;
    private String application;

    @BeforeEach
    void server() throws SQLException {
        server = TestServer.of(TestServer.TIMESCALE);
        application = "it-commit-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        releaseCommits();
    }

    @AfterEach
    void cleanUp() throws SQLException {
        releaseCommits();
        server.close();
    }

    private static List<MetricPoint> points() {
        List<MetricPoint> points = new ArrayList<>(POINTS);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < POINTS; i++) {
            points.add(MetricPoint.of(start.plusMillis(i), "price", i, "SYM" + (i % 7), Map.of("venue", "x")));
        }
        return points;
    }

    private TimescaleMetricsStore open(String connectTimeout) {
        return TimescaleMetricsStore.open(server.settings("url",
                server.url() + "&options=-c%20synchronous_commit%3Don", "application-name", application,
                "pool-size", 2, "connect-timeout", connectTimeout));
    }

    /** From now on, commits of sessions with synchronous_commit = on wait for a standby that never comes. */
    private void holdCommits() throws SQLException {
        server.execute("ALTER SYSTEM SET synchronous_standby_names = 'no_such_standby'", "SELECT pg_reload_conf()");
    }

    private void releaseCommits() throws SQLException {
        server.execute("ALTER SYSTEM RESET synchronous_standby_names", "SELECT pg_reload_conf()");
    }

    /** @return the pid of the store's backend once it waits in its commit */
    private int backendWaitingInCommit() throws Exception {
        try (Connection admin = server.admin(); PreparedStatement statement = admin.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE application_name = ? AND wait_event = 'SyncRep'")) {
            statement.setString(1, application);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        return row.getInt(1);
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the store's commit never started waiting");
    }

    private long storedPoints() throws SQLException {
        try (Connection admin = server.admin(); Statement statement = admin.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM trading_metrics")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void aBackendTerminatedAfterItsCommitWasDurableIsReportedAsStoredOnce() throws Exception {
        try (var store = open("10s")) {
            List<MetricPoint> batch = points();
            WriteId id = WriteId.random();
            holdCommits();
            CompletableFuture<Long> write = CompletableFuture.supplyAsync(() -> store.insertMetrics(batch, id));
            int pid = backendWaitingInCommit();
            server.execute("SELECT pg_terminate_backend(" + pid + ")");

            assertThat(write.get(60, TimeUnit.SECONDS)).as("looked up and found committed").isEqualTo(POINTS);
            releaseCommits();
            assertThat(store.insertMetrics(batch, id)).as("a retry of the same write").isEqualTo(POINTS);
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(POINTS);
        }
    }

    @Test
    void aServerKilledDuringACommitAndBackInTimeIsLookedUpAfterReconnecting() throws Exception {
        LocalServer local = TestServer.TIMESCALE.local();
        try (var store = open("30s")) {
            holdCommits();
            CompletableFuture<Long> write = CompletableFuture.supplyAsync(() -> store.insertMetrics(points()));
            backendWaitingInCommit();
            local.kill();
            local.start();

            assertThat(write.get(60, TimeUnit.SECONDS)).isEqualTo(POINTS);
            releaseCommits();
            assertThat(storedPoints()).isEqualTo(POINTS);
        }
    }

    @Test
    void aServerKilledDuringACommitAndStillDownIsReportedUnknownAndTheRetryWithItsIdStoresNothingTwice()
            throws Exception {
        LocalServer local = TestServer.TIMESCALE.local();
        try (var store = open("2s")) {
            List<MetricPoint> batch = points();
            WriteId id = WriteId.random();
            holdCommits();
            CompletableFuture<Long> write = CompletableFuture.supplyAsync(() -> store.insertMetrics(batch, id));
            backendWaitingInCommit();
            local.kill();
            WriteOutcomeUnknownException unknown;
            try {
                ExecutionException failed = catchThrowableOfType(ExecutionException.class,
                        () -> write.get(60, TimeUnit.SECONDS));
                unknown = (WriteOutcomeUnknownException) failed.getCause();
            } finally {
                local.start();
            }
            assertThat(unknown.writeId()).isEqualTo(id);
            assertThat(unknown).hasMessageContaining("write id " + id);
            releaseCommits();

            assertThat(store.insertMetrics(batch, id)).isEqualTo(POINTS);
            assertThat(storedPoints()).as("committed by the first attempt, not again by the retry").isEqualTo(POINTS);
        }
    }
}
