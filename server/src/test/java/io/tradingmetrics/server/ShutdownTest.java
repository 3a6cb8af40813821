package io.tradingmetrics.server;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Shutting the server down: drain, then stop, then close the store")
class ShutdownTest {
    private static final int POINTS = 100_000;

    @TempDir
    Path folder;

    @Test
    @DisplayName("a request in flight is answered in full; meanwhile readiness and new requests answer 503; then the"
            + " store is closed")
    void drainsInFlightRequests() throws Exception {
        ServerFixture server = ServerFixture.duckDb(folder);
        MetricsStore store = server.store();
        List<MetricPoint> points = new ArrayList<>(POINTS);
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < POINTS; i++) {
            points.add(MetricPoint.of(t0.plusMillis(i), "latency_us", i, "S" + (i % 10)));
        }
        store.insertMetrics(points);

        // A big export, not read yet: its handler blocks on a full socket, in flight.
        HttpResponse<InputStream> export = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/api/export/trading_metrics")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(export.statusCode()).isEqualTo(200);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        while (server.server().resources().notReady().isEmpty()) {
            Thread.onSpinWait(); // until the shutdown has begun
        }
        ServerFixture.Response refused = ServerFixture.request(URI.create(server.url() + "/health/ready"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("error").asText()).contains("shutting down");
        assertThat(closing).isNotDone();

        long lines;
        try (BufferedReader body = new BufferedReader(new InputStreamReader(export.body(), StandardCharsets.UTF_8))) {
            lines = body.lines().count();
        }
        closing.get(60, TimeUnit.SECONDS);

        assertThat(lines).isEqualTo(POINTS);
        assertThat(store.ping().healthy()).isFalse();
        assertThat(store.ping().message()).contains("closed");
    }
}
