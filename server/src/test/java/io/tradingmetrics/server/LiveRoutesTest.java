package io.tradingmetrics.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingmetrics.storage.api.MetricPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/live: Server-Sent Events of the latest values, from a real server over a real DuckDB file. */
@DisplayName("Live values over Server-Sent Events")
class LiveRoutesTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path folder;
    ServerFixture served;
    final List<Stream<String>> streams = new ArrayList<>();

    @BeforeEach
    void start() {
        served = ServerFixture.duckDb(folder, settings -> WriteRoutesTest.settings(WriteRoutesTest.settings(
                settings, "live.rate", "100ms"), "live.max-clients", 2));
        served.store().insertMetrics(List.of(MetricPoint.of(T, "price", 100, "BTC-USD"),
                MetricPoint.of(T, "price", 10, "ETH-USD"), MetricPoint.of(T, "volume", 5, "BTC-USD")));
    }

    @AfterEach
    void stop() {
        streams.forEach(Stream::close);
        served.close();
    }

    /** One SSE event: its name and its data as JSON. */
    record Event(String name, JsonNode data) {}

    /** Reads the stream's events into a queue on a thread of its own. */
    private BlockingQueue<Event> listen(String query) throws Exception {
        HttpResponse<Stream<String>> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(served.url() + "/api/live" + query)).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        streams.add(response.body());
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            String name = "message";
            StringBuilder data = new StringBuilder();
            try {
                for (String line : (Iterable<String>) response.body()::iterator) {
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    } else if (line.isEmpty() && data.length() > 0) {
                        events.add(new Event(name, ServerFixture.JSON.readTree(data.toString())));
                        name = "message";
                        data.setLength(0);
                    }
                }
            } catch (IOException | RuntimeException closed) {
                // The test closed the stream.
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    private static Event next(BlockingQueue<Event> events) throws InterruptedException {
        Event event = events.poll(30, TimeUnit.SECONDS);
        assertThat(event).as("an event within 30 s").isNotNull();
        return event;
    }

    private static List<String> series(Event event) {
        List<String> series = new ArrayList<>();
        event.data().get("points").forEach(point -> series.add(point.get("metric").asText() + "/"
                + point.get("symbol").asText() + "=" + point.get("value").asText()));
        return series;
    }

    @Test
    @DisplayName("the first event holds every series; a new point arrives as a change of its series only")
    void snapshotThenChanges() throws Exception {
        BlockingQueue<Event> events = listen("");

        Event snapshot = next(events);
        assertThat(snapshot.name()).isEqualTo("snapshot");
        assertThat(series(snapshot)).containsExactly("price/BTC-USD=100.0", "price/ETH-USD=10.0",
                "volume/BTC-USD=5.0");
        assertThat(snapshot.data().get("points").get(0).get("timeMs").asLong()).isEqualTo(T.toEpochMilli());

        served.store().insertMetrics(List.of(MetricPoint.of(T.plusSeconds(1), "price", 101, "BTC-USD")));
        Event change = next(events);
        assertThat(change.name()).isEqualTo("changes");
        assertThat(series(change)).containsExactly("price/BTC-USD=101.0");
    }

    @Test
    @DisplayName("a client's metric and symbol filter what it hears")
    void filtered() throws Exception {
        BlockingQueue<Event> volumes = listen("?metric=volume");
        BlockingQueue<Event> eth = listen("?symbol=ETH-USD");
        assertThat(series(next(volumes))).containsExactly("volume/BTC-USD=5.0");
        assertThat(series(next(eth))).containsExactly("price/ETH-USD=10.0");

        served.store().insertMetrics(List.of(MetricPoint.of(T.plusSeconds(1), "price", 11, "ETH-USD"),
                MetricPoint.of(T.plusSeconds(1), "volume", 6, "BTC-USD")));
        assertThat(series(next(volumes))).containsExactly("volume/BTC-USD=6.0");
        assertThat(series(next(eth))).containsExactly("price/ETH-USD=11.0");
    }

    @Test
    @DisplayName("beyond live.max-clients a client gets 503; a request that is not for events gets 406")
    void limits() throws Exception {
        next(listen(""));
        next(listen(""));
        ServerFixture.Response third = served.send(HttpRequest.newBuilder(URI.create(served.url() + "/api/live"))
                .header("Accept", "text/event-stream").GET().build());
        ServerFixture.Response plain = served.get("/api/live");
        ServerFixture.Response typo = served.send(HttpRequest.newBuilder(URI.create(served.url()
                + "/api/live?metirc=price")).header("Accept", "text/event-stream").GET().build());

        assertThat(third.status()).isEqualTo(503);
        assertThat(third.json().get("error").asText()).contains("live.max-clients");
        assertThat(plain.status()).isEqualTo(406);
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("hint").asText()).contains("did you mean 'metric'");
    }
}
