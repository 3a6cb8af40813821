package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the store reports a server it cannot use and a pool it has used up: at once and with the cause for what waiting
 * cannot fix, "pool exhausted" rather than "is the database running" for a busy store, and never a password.
 */
class ConnectionFailuresTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectionIsReportedAtOnceWithItsCauseNotRetriedForTheConnectTimeout() throws Exception {
        int port = closedPort();
        TimescaleSettings settings = TimescaleSettings.from(TestServer.of(TestServer.POSTGRES).storeConfig(
                "url", "postgresql://postgres:hunter2@127.0.0.1:" + port + "/metrics_it", "connect-timeout", "60s"));

        long start = System.nanoTime();
        assertThatThrownBy(() -> TimescaleMetricsStore.open(settings))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port + "/metrics_it")
                .hasMessageContaining("Connection refused")
                .hasMessageNotContaining("hunter2");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not waited for the 60 s connect timeout")
                .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aPasswordParameterSpelledWithCapitalsIsAConfigurationErrorNotAnUnavailableServer() {
        TestServer server = TestServer.of(TestServer.POSTGRES);
        String url = server.url() + "&Password=hunter2";

        assertThatThrownBy(() -> TimescaleMetricsStore.open(server.settings("url", url, "connect-timeout", "60s")))
                .isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("the URL's parameter Password is not a connection parameter: parameter names"
                        + " are case-sensitive; write password=...")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aPasswordWithAnUnescapedSlashIsRefusedWithoutShowingAnyOfIt() {
        assertThatThrownBy(() -> TimescaleSettings.forUrl("postgresql://postgres:hun/ter2@127.0.0.1:5432/metrics"))
                .isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("must be percent-encoded: write / as %2F")
                .hasMessageNotContaining("hun")
                .hasMessageNotContaining("ter2");
    }

    @Test
    void aBusyPoolIsReportedAsExhaustedNamingTheStreamsThatHoldIt() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES);
             var store = TimescaleMetricsStore.open(server.settings("pool-size", 2, "connect-timeout", "1s"))) {
            store.insertMetrics(List.of(MetricPoint.of(T, "price", 1, "BTC")));
            // A stream of another table, so that it holds no lock on the table the administrator locks.
            Stream<Candle> unread = store.streamCandles(TimeRange.all());
            try (Connection admin = server.admin(); Statement lock = admin.createStatement()) {
                // The other connection waits behind an administrator's lock: both are busy.
                admin.setAutoCommit(false);
                lock.execute("LOCK TABLE trading_metrics IN ACCESS EXCLUSIVE MODE");
                CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(
                        () -> store.count(StoreTable.TRADING_METRICS, TimeRange.all()));
                awaitWaitingOnLock(server);

                assertThatThrownBy(() -> store.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("connection pool exhausted: 2 connections busy, waited 1s; raise"
                                + " metrics.store.timescale.pool-size (2) or lower concurrency; streams not yet"
                                + " closed hold 1 of them: close every stream when done")
                        .hasMessageNotContaining("database is running");

                admin.commit();
                assertThat(blocked.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            }
            unread.close();
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
        }
    }

    private static void awaitWaitingOnLock(TestServer server) throws Exception {
        try (Connection watcher = server.admin(); Statement statement = watcher.createStatement()) {
            for (int i = 0; i < 300; i++) {
                try (ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE wait_event_type = 'Lock' AND application_name = 'trading-metrics'")) {
                    waiting.next();
                    if (waiting.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the store's count never waited on the lock");
    }

    @Test
    void streamsBeyondTheLimitAreRefusedNamingWhereTheOldestWasOpened() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES);
             var store = TimescaleMetricsStore.open(server.settings("pool-size", 3))) {
            store.insertMetrics(List.of(MetricPoint.of(T, "price", 1, "BTC")));
            try (Stream<MetricPoint> first = store.streamMetrics(TimeRange.all());
                 Stream<MetricPoint> second = store.streamMetrics(TimeRange.all())) {
                assertThatThrownBy(() -> store.streamMetrics(TimeRange.all()))
                        .isInstanceOf(MetricsStoreException.class)
                        .hasMessageContaining("2 streams of this store are open and not closed")
                        .hasMessageContaining("close every stream when done")
                        .hasMessageContaining("opened at " + ConnectionFailuresTest.class.getName()
                                + ".streamsBeyondTheLimitAreRefusedNamingWhereTheOldestWasOpened(");
                assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                        .as("a connection is left for other calls").isEqualTo(1);
            }
            try (Stream<MetricPoint> again = store.streamMetrics(TimeRange.all())) {
                assertThat(again.count()).isEqualTo(1);
            }
        }
    }

    @Test
    void aNulInAQueryFilterIsInvalidInputNotARefusedWrite() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES);
             var store = TimescaleMetricsStore.open(server.settings())) {
            assertThatThrownBy(() -> store.queryMetrics(MetricQuery.of("price", TimeRange.all())
                    .withLabels(java.util.Map.of("venue", "bin\0ance"))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("the NUL character (\\0)")
                    .hasMessageNotContaining("write");
            assertThatThrownBy(() -> store.queryMetrics(MetricQuery.of("pri\0ce", TimeRange.all())))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("NUL")
                    .hasMessageNotContaining("write");
        }
    }
}
