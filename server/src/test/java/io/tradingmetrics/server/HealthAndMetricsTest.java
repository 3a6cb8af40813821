package io.tradingmetrics.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.duckdb.DuckDbMetricsStoreFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Health, readiness, the server's own metrics and CORS")
class HealthAndMetricsTest {
    @TempDir
    Path folder;

    private MetricsStore openStore() {
        return new DuckDbMetricsStoreFactory().create(
                ConfigFactory.parseMap(Map.of("path", folder.resolve("health.duckdb").toString())));
    }

    @Test
    @DisplayName("before the store is attached: live 200, ready and health 503, reads 503, each with error and hint")
    void beforeTheStoreOpens() {
        try (MetricsHttpServer server = MetricsHttpServer.start(ServerFixture.settings(ConfigFactory.empty()))) {
            Client client = new Client(server.url());
            assertThat(client.get("/health/live").status()).isEqualTo(200);

            for (String path : List.of("/health/ready", "/health", "/api/stats", "/api/metrics/current")) {
                ServerFixture.Response response = client.get(path);
                assertThat(response.status()).as(path).isEqualTo(503);
                assertThat(response.json().path("error").asText()).as(path).contains("not open");
                assertThat(response.json().path("hint").asText()).as(path).isNotBlank();
            }

            server.attach(openStore());

            JsonNode ready = client.get("/health/ready").json();
            assertThat(ready.path("status").asText()).isEqualTo("ready");
            assertThat(client.get("/api/stats").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("/health pings, ?deep=true runs the full check, and a store that stopped answering is 503 unhealthy")
    void healthCheapDeepAndFailing() {
        try (ServerFixture server = ServerFixture.serving(openStore(), settings -> settings)) {
            JsonNode ping = server.get("/health").json();
            assertThat(ping.path("status").asText()).isEqualTo("healthy");
            assertThat(ping.path("check").asText()).isEqualTo("ping");
            assertThat(ping.path("details").size()).isZero();

            JsonNode deep = server.get("/health?deep=true").json();
            assertThat(deep.path("check").asText()).isEqualTo("deep");
            assertThat(deep.path("details").path("verified").asText()).contains("block checksums checked");

            server.store().close(); // the store goes away under the server

            ServerFixture.Response down = server.get("/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().path("status").asText()).isEqualTo("unhealthy");
            assertThat(down.json().path("error").asText()).contains("closed");
            ServerFixture.Response read = server.get("/api/stats");
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.json().path("error").asText()).contains("closed");
        }
    }

    @Test
    @DisplayName("GET /metrics: Prometheus text with requests by route and status, and store call latencies")
    void prometheus() {
        try (ServerFixture server = ServerFixture.serving(openStore(), settings -> settings)) {
            server.get("/api/stats");
            server.get("/api/stats");
            server.get("/api/metrics/raw?metric=nope");
            server.get("/no/such/path");

            ServerFixture.Response metrics = server.get("/metrics");

            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.contentType()).startsWith("text/plain");
            assertThat(metrics.body().lines())
                    .anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                            && line.contains("route=\"/api/stats\"") && line.contains("status=\"200\"")
                            && line.endsWith(" 2"))
                    .anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                            && line.contains("route=\"/api/metrics/raw\"") && line.contains("status=\"400\""))
                    .anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                            && line.contains("route=\"unmatched\"") && line.contains("status=\"404\""))
                    .anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{"))
                    .anyMatch(line -> line.startsWith("metrics_store_calls_seconds_count{")
                            && line.contains("operation=\"stats\"") && line.contains("backend=\"duckdb\"")
                            && line.contains("outcome=\"success\""))
                    .anyMatch(line -> line.startsWith("jvm_memory_used_bytes"));
        }
    }

    @Test
    @DisplayName("CORS: a configured origin is allowed, another is not; none by default")
    void cors() {
        try (ServerFixture server = ServerFixture.serving(openStore(), settings -> new ServerSettings(
                settings.port(), settings.bind(), false, settings.authToken(), List.of("http://grafana.local:3000"),
                settings.maxBodyBytes(), settings.maxBuckets(), settings.maxPoints(), settings.liveRate(),
                settings.liveMaxClients(), settings.drainTimeout()))) {
            assertThat(origin(server, "http://grafana.local:3000")).isEqualTo("http://grafana.local:3000");
            assertThat(origin(server, "http://evil.example")).isEmpty();
        }
        try (ServerFixture server = ServerFixture.duckDb(folder.resolve("other"), settings -> settings)) {
            assertThat(origin(server, "http://grafana.local:3000")).isEmpty();
        }
    }

    private static String origin(ServerFixture server, String origin) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/api/stats"))
                .header("Origin", origin).GET().build();
        return server.sendForHeaders(request).getOrDefault("access-control-allow-origin", "");
    }

    /** A client for a server the test started itself. */
    private record Client(String url) {
        ServerFixture.Response get(String path) {
            return ServerFixture.request(URI.create(url + path));
        }
    }
}
