package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server drops the store's connections in the middle of a write (pg_terminate_backend from a separate admin
 * connection, as an administrator or a failover would): the write fails with StoreUnavailableException, none of its
 * rows is kept, and the store works again without being reopened.
 */
class ConnectionLossTest {

    private static List<MetricPoint> points(int count) {
        List<MetricPoint> points = new ArrayList<>(count);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        Map<String, String> labels = Map.of("venue", "binance");
        for (int i = 0; i < count; i++) {
            points.add(MetricPoint.of(start.plusMillis(i), "price", i, "SYM" + (i % 50), labels));
        }
        return points;
    }

    /** Terminates the store's backends once one of them runs a COPY; returns how many were terminated. */
    private static int terminateDuringCopy(TestServer server, String application) throws Exception {
        try (Connection admin = server.admin(); Statement statement = admin.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try (ResultSet copying = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE application_name = '" + application + "' AND state = 'active'"
                        + " AND query LIKE 'COPY%'")) {
                    copying.next();
                    if (copying.getLong(1) > 0) {
                        break;
                    }
                }
                Thread.sleep(5);
            }
            try (ResultSet terminated = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                    + " FROM pg_stat_activity WHERE application_name = '" + application + "'")) {
                terminated.next();
                return terminated.getInt(1);
            }
        }
    }

    private static long rowsSeenByAnotherClient(TestServer server) throws Exception {
        try (Connection admin = server.admin(); Statement statement = admin.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM trading_metrics")) {
            row.next();
            return row.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = StoreTarget.class, names = {"TIMESCALE", "PLAIN_POSTGRES"})
    void aWriteCutOffMidCopyKeepsNothingAndTheStoreRecovers(StoreTarget target) throws Exception {
        String application = "it-loss-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        List<MetricPoint> big = points(1_500_000);
        try (TestServer server = target.server();
             var store = target.open(server, "application-name", application, "pool-size", 3)) {
            CompletableFuture<Long> write = CompletableFuture.supplyAsync(() -> store.insertMetrics(big));
            assertThat(terminateDuringCopy(server, application)).isPositive();

            assertThatThrownBy(() -> write.get(120, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StoreUnavailableException.class)
                    .cause().hasMessageContaining("check that the database is running and reachable");
            assertThat(rowsSeenByAnotherClient(server)).as("no half-written batch").isZero();

            // Every pooled connection died with the first; the next calls get fresh ones.
            assertThat(store.insertMetrics(points(1_000))).isEqualTo(1_000);
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1_000);
            assertThat(store.health().healthy()).isTrue();
        }
    }
}
