package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.tck.postgres.LocalServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plain PostgreSQL test server is stopped and started again under a live store (through the state that
 * {@code scripts/test-db.sh} keeps): calls fail with StoreUnavailableException while it is down, and the same store
 * works again once it is back.
 */
class ServerRestartTest {

    @Test
    void theStoreFailsClearlyWhileTheServerIsDownAndWorksOnceItIsBack() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES)) {
            LocalServer local = TestServer.POSTGRES.local();
            Instant t = Instant.parse("2024-01-01T00:00:00Z");
            try (var store = TimescaleMetricsStore.open(server.settings("connect-timeout", "2s"))) {
                store.insertMetrics(List.of(MetricPoint.of(t, "price", 1, "BTC")));

                local.stop();
                try {
                    assertThatThrownBy(() -> store.insertMetrics(List.of(MetricPoint.of(t, "price", 2, "BTC"))))
                            .isInstanceOf(StoreUnavailableException.class)
                            .hasMessageContaining("check that the database is running and reachable");
                    assertThatThrownBy(() -> store.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                            .isInstanceOf(StoreUnavailableException.class);
                    StoreHealth down = store.health();
                    assertThat(down.healthy()).isFalse();
                    assertThat(down.message()).contains("127.0.0.1:" + local.port());
                } finally {
                    local.start();
                }

                assertThat(store.insertMetrics(List.of(MetricPoint.of(t.plusSeconds(1), "price", 3, "BTC"))))
                        .isEqualTo(1);
                assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(2);
                assertThat(store.health().healthy()).isTrue();
            }
        }
    }
}
