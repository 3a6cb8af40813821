package io.tradingmetrics.reliability;

import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.WriteOutcomeUnknownException;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.tck.postgres.LocalServer;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TimescaleDB test server frozen (SIGSTOP of the postmaster and its backends), killed (SIGKILL, then crash
 * recovery) and stopped (its sessions cut) under a load of writes and reads: no call lasts longer than the configured bounds, failures are reported as
 * an unavailable server, no write is stored in part, and the same store works again once the server does.
 */
class ServerFaultsUnderLoadTest {
    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration SOCKET = Duration.ofSeconds(3);
    /** Borrowing (connect), the statement (socket), rolling back on the dead connection (socket), and scheduling. */
    private static final Duration BOUND = CONNECT.plus(SOCKET).plus(SOCKET).plusSeconds(2);
    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    private static final int BATCH = 200;
    private static final String APPLICATION = "reliability-faults";

    private final String spec = ReliabilityStores.newTimescaleSpec();

    /** One call of the load: what it was, how long it took, how it ended. */
    private record Call(String what, String symbol, Duration took, Throwable failure, Instant ended) {}

    @AfterEach
    void dropSchema() throws Exception {
        ReliabilityStores.drop(spec);
    }

    private MetricsStore openStore() {
        // The test servers run with synchronous_commit off (throwaway data): a crash would lose commits already
        // acknowledged. The store's sessions turn it back on, as a production server has it.
        String durable = ReliabilityStores.timescaleUrl() + (ReliabilityStores.timescaleUrl().contains("?") ? "&" : "?")
                + "options=-c%20synchronous_commit%3Don";
        return ReliabilityStores.open(spec, "url", durable, "connect-timeout", "2s", "socket-timeout", "3s",
                "statement-timeout", "2s", "pool-size", 4, "application-name", APPLICATION);
    }

    @Test
    void aFrozenServerEndsEveryCallWithinItsBoundsAndTheStoreRecovers() throws Exception {
        LocalServer server = PostgresTestServer.TIMESCALE.local();
        try (MetricsStore store = openStore()) {
            List<Call> calls = underLoad(store, () -> {
                try (LocalServer.Frozen frozen = server.freeze()) {
                    Thread.sleep(8_000);
                }
            });
            assertBoundedAndRecovered(store, calls);
        }
    }

    @Test
    void aServerKilledUnderLoadFailsTheCallsInFlightAndTheStoreRecoversAfterCrashRecovery() throws Exception {
        LocalServer server = PostgresTestServer.TIMESCALE.local();
        try (MetricsStore store = openStore()) {
            List<Call> calls = underLoad(store, () -> {
                server.kill(); // SIGKILL of the postmaster and every backend
                server.start(); // crash recovery
            });
            assertBoundedAndRecovered(store, calls);
        }
    }

    @Test
    void aServerStoppedUnderLoadFailsTheCallsInFlightAndTheStoreRecoversWhenItIsBack() throws Exception {
        LocalServer server = PostgresTestServer.TIMESCALE.local();
        try (MetricsStore store = openStore()) {
            List<Call> calls = underLoad(store, () -> {
                server.stop();
                try {
                    Thread.sleep(3_000);
                } finally {
                    server.start();
                }
            });
            assertBoundedAndRecovered(store, calls);
        }
    }

    @FunctionalInterface
    private interface Fault {
        void inject() throws Exception;
    }

    /** Runs writers and readers, injects the fault after a second, and goes on until every worker succeeded again. */
    private List<Call> underLoad(MetricsStore store, Fault fault) throws Exception {
        store.insertMetrics(batch("seed"));
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger ids = new AtomicInteger();
        Instant[] faultOver = new Instant[1];
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            boolean writer = w % 2 == 0;
            running.add(pool.submit(() -> {
                while (!stop.get()) {
                    String symbol = "W" + ids.incrementAndGet();
                    Instant start = Instant.now();
                    Throwable failure = null;
                    try {
                        if (writer) {
                            store.insertMetrics(batch(symbol));
                        } else {
                            store.aggregate(AggregationQuery.of("load", TimeRange.all(), Interval.MINUTE_1,
                                    Aggregation.AVG));
                            store.queryMetrics(MetricQuery.of("load", TimeRange.all()).withLimit(50));
                        }
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                    Instant end = Instant.now();
                    calls.add(new Call(writer ? "insert" : "read", writer ? symbol : null,
                            Duration.between(start, end), failure, end));
                }
            }));
        }
        Thread.sleep(1_000);
        fault.inject();
        faultOver[0] = Instant.now();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !everyKindSucceededAfter(calls, faultOver[0])) {
            Thread.sleep(100);
        }
        stop.set(true);
        for (Future<?> worker : running) {
            worker.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(everyKindSucceededAfter(calls, faultOver[0])).as("writes and reads work again without reopening"
                + " the store, within 30 s of the fault").isTrue();
        return new ArrayList<>(calls);
    }

    private static boolean everyKindSucceededAfter(ConcurrentLinkedQueue<Call> calls, Instant after) {
        boolean write = false;
        boolean read = false;
        for (Call call : calls) {
            if (call.failure() == null && call.ended().isAfter(after)) {
                write |= call.what().equals("insert");
                read |= call.what().equals("read");
            }
        }
        return write && read;
    }

    private void assertBoundedAndRecovered(MetricsStore store, List<Call> calls) throws Exception {
        assertThat(calls).as("calls that failed during the fault").anyMatch(c -> c.failure() != null);
        assertThat(calls).as("no call longer than connect + 2 x socket timeout + 2 s")
                .allSatisfy(call -> assertThat(call.took()).as(call.what() + " " + call.failure())
                        .isLessThanOrEqualTo(BOUND));
        assertThat(calls.stream().map(Call::failure).filter(f -> f != null).toList())
                .as("failures are reported as an unavailable server, or as a write whose outcome could not be told")
                .allSatisfy(f -> assertThat(f).isInstanceOfAny(StoreUnavailableException.class,
                        WriteOutcomeUnknownException.class));

        // The same store, never reopened: every acknowledged batch once, every batch whole or absent.
        // A write reported as failed (unavailable, not "outcome unknown") is not stored: the store looked its write id up.
        Map<String, Long> stored = rowsPerSymbol();
        for (Call call : calls) {
            if (call.what().equals("insert") && call.failure() == null) {
                assertThat(stored.get(call.symbol())).as("acknowledged " + call.symbol()).isEqualTo(BATCH);
            }
            if (call.what().equals("insert") && call.failure() instanceof StoreUnavailableException) {
                assertThat(stored).as("failed " + call.symbol()).doesNotContainKey(call.symbol());
            }
        }
        assertThat(stored).allSatisfy((symbol, rows) -> assertThat(rows).as(symbol).isEqualTo(BATCH));
        assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                .isEqualTo(stored.values().stream().mapToLong(Long::longValue).sum());
        assertThat(store.health().healthy()).isTrue();
    }

    private static List<MetricPoint> batch(String symbol) {
        List<MetricPoint> points = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            points.add(MetricPoint.of(T0.plusSeconds(i), "load", i, symbol, Map.of("k", "v")));
        }
        return points;
    }

    private Map<String, Long> rowsPerSymbol() throws Exception {
        Map<String, Long> rows = new java.util.TreeMap<>();
        try (Connection admin = DriverManager.getConnection(ReliabilityStores.timescaleUrl());
             Statement statement = admin.createStatement();
             ResultSet result = statement.executeQuery("SELECT symbol, count(*) FROM \""
                     + spec.substring("timescale:".length()) + "\".trading_metrics GROUP BY symbol")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getLong(2));
            }
        }
        return rows;
    }
}
