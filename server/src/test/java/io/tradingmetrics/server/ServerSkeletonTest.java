package io.tradingmetrics.server;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The server on a loopback port over a DuckDB file")
class ServerSkeletonTest {
    @TempDir
    Path folder;

    @Test
    @DisplayName("answers /health/live and /health, and an unknown route with a JSON 404 naming it")
    void servesHealthAndNamesUnknownRoutes() {
        try (ServerFixture server = ServerFixture.duckDb(folder)) {
            assertThat(server.server().port()).isPositive();

            var live = server.get("/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().path("status").asText()).isEqualTo("alive");

            var health = server.get("/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("healthy");
            assertThat(health.json().path("backend").asText()).isEqualTo("duckdb");

            var missing = server.get("/no/such/route");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().path("error").asText()).contains("/no/such/route");
            assertThat(missing.json().path("hint").asText()).isNotBlank();
        }
    }
}
