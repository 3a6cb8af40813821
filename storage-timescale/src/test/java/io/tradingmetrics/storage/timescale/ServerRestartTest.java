package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plain PostgreSQL test server is stopped and started again under a live store (through the state that
 * {@code scripts/test-db.sh} keeps): calls fail with StoreUnavailableException while it is down, and the same store
 * works again once it is back.
 */
class ServerRestartTest {

    /** The test server's data directory, port and binaries, from {@code $METRICS_TESTDB_STATE/postgres.state}. */
    private record LocalServer(String bin, String data, String port) {
        static LocalServer fromState(String url) throws IOException {
            String stateDir = System.getenv("METRICS_TESTDB_STATE");
            if (stateDir == null || !Files.exists(Path.of(stateDir, "postgres.state"))) {
                throw new IllegalStateException("METRICS_TESTDB_STATE does not name the state of running test servers:"
                        + " run the tests through scripts/test.sh, or export METRICS_TESTDB_STATE=<dir> before"
                        + " scripts/test-db.sh start");
            }
            Map<String, String> state = new HashMap<>();
            for (String line : Files.readAllLines(Path.of(stateDir, "postgres.state"))) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    state.put(line.substring(0, equals), line.substring(equals + 1).replace("\\", ""));
                }
            }
            Assumptions.assumeFalse(state.containsKey("EXTERNAL"),
                    "the plain PostgreSQL server is external (METRICS_IT_POSTGRES_URL given): it is not ours to restart");
            assertThat(url).as("the state describes the server under test").contains(":" + state.get("PORT") + "/");
            return new LocalServer(state.get("BIN"), state.get("DATA"), state.get("PORT"));
        }

        void pgCtl(String arguments) throws Exception {
            Path output = Files.createTempFile("pg_ctl", ".log");
            Process process = new ProcessBuilder("runuser", "-u", "postgres", "--", "env", "-i",
                    "PATH=/usr/bin:/bin", "LC_ALL=C", "/bin/bash", "-c",
                    "cd / && " + bin + "/pg_ctl -D " + data + " -w -t 60 " + arguments)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("pg_ctl %s: %s", arguments, Files.readString(output)).isZero();
            Files.delete(output);
        }

        void stop() throws Exception {
            pgCtl("-m fast stop");
        }

        void start() throws Exception {
            pgCtl("-l " + data + "/server.log -o '-p " + port + "' start");
        }
    }

    @Test
    void theStoreFailsClearlyWhileTheServerIsDownAndWorksOnceItIsBack() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES)) {
            LocalServer local = LocalServer.fromState(server.url());
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
