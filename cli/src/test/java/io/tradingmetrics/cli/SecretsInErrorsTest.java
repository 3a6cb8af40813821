package io.tradingmetrics.cli;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** With --verbose the stack trace is printed too: it shows no password, whatever part of the chain holds the URL. */
class SecretsInErrorsTest {
    private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void verboseStackTracesMaskThePasswordOfAPostgresUrl() throws Exception {
        String url = "postgresql://postgres:s3cr3tpw@127.0.0.1:" + closedPort() + "/metrics_it";
        for (String[] args : new String[][] {
                {"--verbose", "--store", url, "stats"},
                {"--verbose", "migrate", "--from", url, "--to", "jdbc:duckdb::memory:"},
                {"--verbose", "--store", url.replace("s3cr3tpw", "s3cr/3tpw"), "stats"},
                {"--verbose", "--store", "jdbc:postgresql://127.0.0.1:1/metrics_it?user=postgres&sslpassword=s3cr3tpw",
                        "stats"}}) {
            CliRun run = CliRun.run(NOW, args);

            assertThat(run.exitCode()).as(String.join(" ", args)).isNotZero();
            assertThat(run.err()).as(String.join(" ", args)).contains("\tat ")
                    .doesNotContain("s3cr3tpw").doesNotContain("3tpw").doesNotContain("s3cr/");
        }
    }
}
