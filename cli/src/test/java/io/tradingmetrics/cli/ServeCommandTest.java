package io.tradingmetrics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tradingmetrics.cli.DemoTestData.url;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("metrics serve")
class ServeCommandTest {
    private static final Pattern SERVING = Pattern.compile("^metrics: serving .* on (http://127\\.0\\.0\\.1:\\d+)$");
    private static final int POINTS = 100_000;
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    @DisplayName("serves the store on 127.0.0.1, prints its URL on one line; SIGTERM drains a request in flight,"
            + " refuses none with a 500, closes the store and exits 143")
    void servesAndShutsDownOnSigterm() throws Exception {
        Path file = dir.resolve("served.duckdb");
        List<MetricPoint> points = new ArrayList<>(POINTS);
        for (int i = 0; i < POINTS; i++) {
            points.add(MetricPoint.of(T0.plusMillis(i), "latency_us", i, "S" + (i % 10)));
        }
        List<MetricPoint> latest;
        try (MetricsStore store = MetricsStores.open(url(file))) {
            store.insertMetrics(points);
            latest = store.latest(LatestQuery.all());
        }

        // This machine may be loaded: give the drain all the time the export needs (the default is 10 s).
        Path config = dir.resolve("serve.conf");
        Files.writeString(config, "metrics.server.drain-timeout = 2m\n");
        CliProcess serve = CliProcess.start(dir, "--config", config.toString(), "serve", "--store", url(file),
                "--port", "0");
        Matcher serving = SERVING.matcher(serve.awaitOutputLine(SERVING));
        assertThat(serving.matches()).isTrue();
        String base = serving.group(1);

        assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);
        JsonNode current = JSON.readTree(get(base + "/api/metrics/current").body());
        assertThat(current.get("points").size()).isEqualTo(latest.size());
        for (int i = 0; i < latest.size(); i++) {
            assertThat(current.get("points").get(i).get("symbol").asText()).isEqualTo(latest.get(i).symbol().get());
            assertThat(current.get("points").get(i).get("value").asDouble()).isEqualTo(latest.get(i).value());
        }

        // Load: clients asking all along, and one big export in flight, not read yet, when SIGTERM arrives.
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        statuses.add(get(base + "/api/metrics/raw?metric=latency_us&symbol=S1&limit=100&from="
                                + T0.toEpochMilli()).statusCode());
                    } catch (IOException refused) {
                        statuses.add(-1); // the server has stopped listening
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.start();
            clients.add(thread);
        }
        HttpResponse<InputStream> export = client.send(HttpRequest.newBuilder(
                URI.create(base + "/api/export/trading_metrics")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(export.statusCode()).isEqualTo(200);

        serve.process().destroy(); // SIGTERM

        long lines;
        try (BufferedReader body = new BufferedReader(new InputStreamReader(export.body(), StandardCharsets.UTF_8))) {
            lines = body.lines().count();
        }
        assertThat(serve.process().waitFor(2, TimeUnit.MINUTES)).isTrue();
        running.set(false);
        for (Thread thread : clients) {
            thread.join();
        }
        CliRun run = serve.await();

        assertThat(lines).as("the export in flight was answered in full").isEqualTo(POINTS);
        assertThat(run.exitCode()).isEqualTo(143);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("WARN");
        assertThat(statuses).isNotEmpty().allMatch(status -> status == 200 || status == 503 || status == -1);
        assertThat(statuses).contains(200);
        try (MetricsStore store = MetricsStores.open(url(file))) { // the lock is released, the rows all there
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(POINTS);
        }
    }

    @Test
    @DisplayName("a mistyped metrics.server key exits 3 naming the closest key; a port out of range exits 2")
    void refusesBadSettings() throws Exception {
        Path config = dir.resolve("server.conf");
        Files.writeString(config, "metrics.server { prot = 9000 }\n");
        CliRun badKey = CliRun.run(T0, "--config", config.toString(), "serve", "--store",
                url(dir.resolve("x.duckdb")));
        assertThat(badKey.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(badKey.err()).contains("unknown key metrics.server.prot").contains("did you mean 'port'?");

        CliRun badPort = CliRun.run(T0, "serve", "--port", "70000", "--store", url(dir.resolve("x.duckdb")));
        assertThat(badPort.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPort.err()).contains("--port 70000 is not a TCP port");
        assertThat(dir.resolve("x.duckdb")).doesNotExist();
    }

    @Test
    @DisplayName("a port that is taken exits 1 with one line saying so and the way out; the store is not created")
    void portTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.run(T0, "serve", "--port", Integer.toString(taken.getLocalPort()), "--store",
                    url(dir.resolve("y.duckdb")));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.errLines()).hasSize(1);
            assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("--port");
        }
        assertThat(dir.resolve("y.duckdb")).doesNotExist();
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
