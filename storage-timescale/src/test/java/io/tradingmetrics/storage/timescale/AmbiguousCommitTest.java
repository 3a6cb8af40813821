package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;
import io.tradingmetrics.storage.api.WriteOutcomeUnknownException;
import io.tradingmetrics.storage.timescale.CommitCuttingProxy.Cut;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The connection is cut exactly at the COMMIT of a write (a relay between the store and the real TimescaleDB
 * server): after the server committed, before it got the COMMIT, and with the server's session left hanging in its
 * transaction. The store reports success, a retryable error, or "outcome unknown" with the write id, and in each
 * case the rows end up stored exactly once, by the write itself or by a retry with the same id.
 */
class AmbiguousCommitTest {

    private static List<MetricPoint> points(int count, String batch) {
        List<MetricPoint> points = new ArrayList<>(count);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            points.add(MetricPoint.of(start.plusMillis(i), "price", i, "SYM" + (i % 7), Map.of("batch", batch)));
        }
        return points;
    }

    private interface ProxiedWork {
        void run(TimescaleMetricsStore store, CommitCuttingProxy proxy) throws Exception;
    }

    /** A store whose every connection goes through the relay; the schema is migrated before the relay is armed. */
    private static void withProxiedStore(ProxiedWork work) throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE)) {
            URI uri = URI.create(server.url().substring("jdbc:".length()));
            try (CommitCuttingProxy proxy = new CommitCuttingProxy(uri.getHost(), uri.getPort())) {
                // prepareThreshold=0: pgjdbc then never server-prepares COMMIT, which keeps its text for the relay.
                String proxied = server.url().replace(":" + uri.getPort() + "/", ":" + proxy.port() + "/")
                        + "&prepareThreshold=0";
                try (var store = TimescaleMetricsStore.open(server.settings("url", proxied, "pool-size", 2,
                        "connect-timeout", "3s"))) {
                    work.run(store, proxy);
                }
            }
        }
    }

    @Test
    void aCommitWhoseAnswerIsLostIsLookedUpAndReportedAsStored() throws Exception {
        withProxiedStore((store, proxy) -> {
            proxy.arm(Cut.AFTER_COMMIT);
            assertThat(store.insertMetrics(points(20_000, "a"))).isEqualTo(20_000);
            assertThat(proxy.fired()).as("the connection was cut at the commit").isTrue();
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(20_000);

            Candle candle = new Candle(Instant.parse("2024-01-01T00:00:00Z"), "BTC", 1, 2, 0.5, 1.5, 3);
            proxy.arm(Cut.AFTER_COMMIT);
            assertThat(store.upsertCandles(List.of(candle))).isEqualTo(1);
            assertThat(proxy.fired()).isTrue();
            assertThat(store.candles(CandleQuery.of(TimeRange.all()))).containsExactly(candle);
        });
    }

    @Test
    void aCommitThatNeverReachedTheServerIsRetryableAndTheRetryStoresItOnce() throws Exception {
        withProxiedStore((store, proxy) -> {
            WriteId id = WriteId.random();
            List<MetricPoint> batch = points(20_000, "b");
            proxy.arm(Cut.BEFORE_COMMIT);
            StoreUnavailableException failure = catchThrowableOfType(StoreUnavailableException.class,
                    () -> store.insertMetrics(batch, id));
            assertThat(proxy.fired()).isTrue();
            assertThat(failure).hasMessageContaining("then retry");
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).as("nothing stored").isZero();

            assertThat(store.insertMetrics(batch, id)).isEqualTo(20_000);
            assertThat(store.insertMetrics(batch, id)).as("a second retry is a no-op").isEqualTo(20_000);
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(20_000);
        });
    }

    @Test
    void aCommitThatCannotBeLookedUpIsReportedAsUnknownWithItsIdAndARetryWithTheIdStoresItOnce() throws Exception {
        withProxiedStore((store, proxy) -> {
            WriteId id = WriteId.random();
            List<MetricPoint> batch = points(20_000, "c");
            proxy.arm(Cut.HOLD);
            WriteOutcomeUnknownException unknown = catchThrowableOfType(WriteOutcomeUnknownException.class,
                    () -> store.insertMetrics(batch, id));
            assertThat(proxy.fired()).isTrue();
            assertThat(unknown.writeId()).isEqualTo(id);
            assertThat(unknown).isNotInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("cannot tell whether the insert of 20000 metric points was stored in")
                    .hasMessageContaining("repeat the write with the same write id")
                    .hasMessageContaining("SELECT count(*) FROM store_writes WHERE write_id = '" + id + "'")
                    .hasMessageNotContaining("then retry");

            // The server's session ends (a failover, a TCP timeout): its transaction is rolled back.
            proxy.releaseHeld();
            assertThat(store.insertMetrics(batch, id)).isEqualTo(20_000);
            assertThat(store.insertMetrics(batch, id)).isEqualTo(20_000);
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(20_000);
        });
    }
}
