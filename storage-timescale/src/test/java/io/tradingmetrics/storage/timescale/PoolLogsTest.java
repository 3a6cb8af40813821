package io.tradingmetrics.storage.timescale;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** HikariCP at DEBUG prints its configuration: the data source's secrets are not in it, nor in the error. */
class PoolLogsTest {

    @Test
    void debugLogsOfThePoolShowNoPasswordNorSslPassword() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("pool-logs", ".log");
        try {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PoolLogsMain.class.getName(),
                    "postgresql://postgres:pw-in-url@127.0.0.1:" + port + "/metrics_it?sslpassword=ssl-secret")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);

            assertThat(output).as("the pool's configuration was logged").contains("HikariConfig")
                    .contains("error: io.tradingmetrics.storage.api.StoreUnavailableException");
            assertThat(output).doesNotContain("pw-in-url").doesNotContain("ssl-secret");
        } finally {
            Files.delete(log);
        }
    }
}
