package io.tradingmetrics.server;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while producers post: a child JVM serves a DuckDB file, clients post points (202: in the writer's buffer)
 * until the server refuses, the child gets SIGTERM, and the reopened file holds every point that was acknowledged.
 */
@DisplayName("SIGTERM under load loses no acknowledged write")
class ShutdownUnderLoadTest {
    private static final int CLIENTS = 4;
    private static final int BATCH = 200;
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path folder;

    @Test
    @DisplayName("every point answered 202 is in the store after the process exits")
    void sigtermUnderLoad() throws Exception {
        Path file = folder.resolve("served.duckdb");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ServingChild.class.getName(),
                file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String url = awaitUrl(child);
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger accepted = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread thread = new Thread(() -> post(url, client, acknowledged, accepted, stop), "producer-" + c);
                clients.add(thread);
                thread.start();
            }
            while (accepted.get() < 20) { // load is on: enough batches acknowledged
                Thread.sleep(50);
            }
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the server exits after SIGTERM").isTrue();
            stop.set(true);
            for (Thread thread : clients) {
                thread.join(30_000);
            }

            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(20 * BATCH);
            try (MetricsStore reopened = ServerFixture.openDuckDb(file);
                 Stream<MetricPoint> points = reopened.streamMetrics(TimeRange.all())) {
                Set<Long> stored = points.map(point -> point.timestamp().toEpochMilli()).collect(Collectors.toSet());
                Set<Long> missing = new HashSet<>(acknowledged);
                missing.removeAll(stored);
                assertThat(missing).as("acknowledged points missing after SIGTERM (of " + acknowledged.size() + ")")
                        .isEmpty();
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String awaitUrl(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("serving ")) {
                return line.substring("serving ".length()).trim();
            }
        }
        throw new AssertionError("the serving child exited before it served (exit " + child.exitValue() + ")");
    }

    /** Posts batches of distinct points (each one's time is its identity) until the server stops answering. */
    private static void post(String url, int client, Set<Long> acknowledged, AtomicInteger accepted,
                             AtomicBoolean stop) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (long batch = 0; !stop.get(); batch++) {
            List<Long> times = new ArrayList<>(BATCH);
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < BATCH; i++) {
                long time = T0.toEpochMilli() + (client * 100_000_000L) + batch * BATCH + i;
                times.add(time);
                body.append("{\"metric\":\"load\",\"value\":").append(i).append(",\"symbol\":\"client-")
                        .append(client).append("\",\"time\":").append(time).append("}\n");
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/metrics"))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202 || response.statusCode() == 200) {
                    acknowledged.addAll(times);
                    accepted.incrementAndGet();
                }
            } catch (IOException e) {
                return; // the server is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
