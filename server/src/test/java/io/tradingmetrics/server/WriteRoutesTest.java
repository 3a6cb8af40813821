package io.tradingmetrics.server;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.writer.OverflowPolicy;
import io.tradingmetrics.writer.WriterSettings;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** POST /api/metrics, /api/candles, /api/performance against a real server and a real DuckDB file. */
@DisplayName("Writes over HTTP, read back through the SPI")
class WriteRoutesTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path folder;
    Served served;

    @BeforeEach
    void start() {
        served = new Served(ServerFixture.duckDb(folder, settings -> settings(settings, "max-body-size", "4KiB")));
    }

    @AfterEach
    void stop() {
        served.close();
    }

    /** The settings with one key of metrics.server changed. */
    static ServerSettings settings(ServerSettings base, String key, Object value) {
        return ServerSettings.from(ConfigFactory.parseMap(Map.of("metrics.server." + key, value)))
                .withPort(base.port()).withBind(base.bind());
    }

    /** The fixture, with POST and the raw answer (headers included). */
    record Served(ServerFixture fixture, MetricsStore store) implements AutoCloseable {
        Served(ServerFixture fixture) {
            this(fixture, fixture.store());
        }

        HttpResponse<String> post(String path, String body, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.url() + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return send(request.build());
        }

        HttpResponse<String> send(HttpRequest request) {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        ServerFixture.Response get(String path) {
            return fixture.get(path);
        }

        String url() {
            return fixture.url();
        }

        @Override
        public void close() {
            fixture.close();
        }
    }

    private List<MetricPoint> stored(String metric) {
        return served.store.queryMetrics(MetricQuery.of(metric, TimeRange.all()).withLimit(1_000));
    }

    @Test
    @DisplayName("a JSON array with ?sync=true answers 200 and every point is stored as sent")
    void arraySync() {
        HttpResponse<String> response = served.post("/api/metrics?sync=true", """
                [{"metric": "price", "value": 101.5, "time": "2026-12-01T10:00:00Z", "symbol": "BTC-USD",
                  "labels": {"venue": "binance"}},
                 {"metric": "price", "value": "NaN", "timeMs": 1796119201000, "symbol": "ETH-USD"},
                 {"metric": "price", "value": "-Infinity", "time": 1796119202000}]""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"accepted\":3").contains("\"stored\":true");
        assertThat(stored("price")).containsExactlyInAnyOrder(
                MetricPoint.of(T, "price", 101.5, "BTC-USD", Map.of("venue", "binance")),
                MetricPoint.of(T.plusSeconds(1), "price", Double.NaN, "ETH-USD"),
                MetricPoint.of(T.plusSeconds(2), "price", Double.NEGATIVE_INFINITY));
    }

    @Test
    @DisplayName("NDJSON without sync answers 202; the points are stored by the next flush")
    void ndjsonAccepted() {
        HttpResponse<String> response = served.post("/api/metrics",
                "{\"metric\": \"spread_bps\", \"value\": 1.25, \"time\": \"2026-12-01T10:00:00Z\"}\n"
                        + "{\"metric\": \"spread_bps\", \"value\": 2, \"time\": \"2026-12-01T11:00:00+01:00\"}\n",
                "Content-Type", "application/x-ndjson");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"accepted\":2").contains("\"stored\":false");

        // A sync write waits for everything written before it.
        assertThat(served.post("/api/metrics?sync=true",
                "{\"metric\": \"marker\", \"value\": 0, \"time\": \"2026-12-01T10:00:00Z\"}").statusCode())
                .isEqualTo(200);
        assertThat(stored("spread_bps")).containsExactlyInAnyOrder(
                MetricPoint.of(T, "spread_bps", 1.25), MetricPoint.of(T, "spread_bps", 2.0));
    }

    @Test
    @DisplayName("candles and snapshots are stored before the 200")
    void candlesAndSnapshots() {
        HttpResponse<String> candles = served.post("/api/candles", """
                [{"symbol": "BTC-USD", "time": "2026-12-01T10:00:00Z", "open": 1, "high": 3, "low": 0.5,
                  "close": 2, "volume": 40}]""");
        HttpResponse<String> snapshots = served.post("/api/performance", """
                {"time": "2026-12-01T10:00:00Z", "portfolioValue": 1000000, "pnl": -250.5, "winRate": 0.55}""");

        assertThat(candles.statusCode()).as(candles.body()).isEqualTo(200);
        assertThat(snapshots.statusCode()).as(snapshots.body()).isEqualTo(200);
        assertThat(served.store.candles(CandleQuery.of(TimeRange.all())))
                .containsExactly(new Candle(T, "BTC-USD", 1, 3, 0.5, 2, 40));
        assertThat(served.store.performanceHistory(TimeRange.all())).containsExactly(new PerformanceSnapshot(T,
                1_000_000, -250.5, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.of(0.55),
                OptionalInt.empty()));
    }

    @Test
    @DisplayName("malformed JSON is a 400 naming the line, and nothing of the body is stored")
    void malformed() {
        HttpResponse<String> response = served.post("/api/metrics?sync=true",
                "{\"metric\": \"price\", \"value\": 1, \"time\": 1764583200000}\n{\"metric\": \"price\", \"value\": }\n");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformed JSON at line 2").contains("\"hint\"");
        assertThat(served.store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();
    }

    @Test
    @DisplayName("a bad element is a 400 naming its index and the problem; nothing of the body is stored")
    void badElement() {
        HttpResponse<String> unknownField = served.post("/api/metrics?sync=true", """
                [{"metric": "price", "value": 1, "time": 1764583200000},
                 {"metric": "price", "vaule": 1, "time": 1764583200000}]""");
        HttpResponse<String> badName = served.post("/api/metrics?sync=true", """
                [{"metric": "price", "value": 1, "time": 1764583200000},
                 {"metric": "price", "value": 1, "time": 1764583200000},
                 {"metric": "", "value": 1, "time": 1764583200000}]""");
        HttpResponse<String> notANumber = served.post("/api/candles",
                "[{\"symbol\": \"X\", \"time\": 0, \"open\": \"one\", \"high\": 1, \"low\": 1, \"close\": 1,"
                        + " \"volume\": 1}]");

        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("element [1] (line 2): unknown field 'vaule'").contains("value");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.body()).contains("element [2] (line 3)").contains("metric name");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("element [0]").contains("open is not a number");
        assertThat(served.store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();
        assertThat(served.store.count(StoreTable.CANDLES, TimeRange.all())).isZero();
    }

    @Test
    @DisplayName("an empty body, a bad sync value: 400")
    void emptyAndBadSync() {
        assertThat(served.post("/api/metrics", "  \n").statusCode()).isEqualTo(400);
        assertThat(served.post("/api/metrics", "[]").body()).contains("holds no points");
        HttpResponse<String> sync = served.post("/api/metrics?sync=maybe",
                "{\"metric\": \"price\", \"value\": 1, \"time\": 0}");
        assertThat(sync.statusCode()).isEqualTo(400);
        assertThat(sync.body()).contains("\"parameter\":\"sync\"");
    }

    @Test
    @DisplayName("a body over max-body-size is a 413, declared or chunked, and nothing is stored")
    void tooLarge() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            body.append(i == 0 ? "" : ",").append("{\"metric\": \"price\", \"value\": 1, \"time\": 0}");
        }
        String large = body.append("]").toString();
        HttpResponse<String> declared = served.post("/api/metrics?sync=true", large);
        HttpResponse<String> chunked = served.send(HttpRequest.newBuilder(
                URI.create(served.url() + "/api/metrics?sync=true"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        large.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("max-body-size");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(served.store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();
    }

    @Test
    @DisplayName("with an auth token: 401 without it or with another, 200 with it")
    void token(@TempDir Path other) {
        try (Served guarded = new Served(ServerFixture.duckDb(other, s -> settings(s, "auth-token", "s3cret")))) {
            String point = "{\"metric\": \"price\", \"value\": 1, \"time\": 0}";
            HttpResponse<String> none = guarded.post("/api/metrics?sync=true", point);
            HttpResponse<String> wrong = guarded.post("/api/metrics?sync=true", point, "Authorization", "Bearer nope");
            HttpResponse<String> right = guarded.post("/api/metrics?sync=true", point,
                    "Authorization", "Bearer s3cret");

            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
            assertThat(guarded.store.queryMetrics(MetricQuery.of("price", TimeRange.all())))
                    .containsExactly(MetricPoint.of(Instant.EPOCH, "price", 1));
            // Reads need no token.
            assertThat(guarded.get("/api/stats").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a read-only server answers every write 403 and stores nothing")
    void readOnly(@TempDir Path other) {
        try (Served readOnly = new Served(ServerFixture.duckDb(other, s -> settings(s, "read-only", true)))) {
            for (String path : List.of("/api/metrics", "/api/candles", "/api/performance")) {
                HttpResponse<String> response = readOnly.post(path, "[]");
                assertThat(response.statusCode()).as(path).isEqualTo(403);
                assertThat(response.body()).contains("read-only");
            }
            assertThat(readOnly.store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();
        }
    }

    @Test
    @DisplayName("what a read returned can be posted back as it is")
    void roundTrip() {
        served.post("/api/metrics?sync=true",
                "{\"metric\": \"price\", \"value\": 7.5, \"time\": \"2026-12-01T10:00:00.123456Z\", \"symbol\": \"S\","
                        + " \"labels\": {\"k\": \"v\"}}");
        String current = served.get("/api/metrics/current").body();
        String points = current.substring(current.indexOf('['), current.lastIndexOf(']') + 1)
                .replace("\"metric\":\"price\"", "\"metric\":\"copy\"");

        assertThat(served.post("/api/metrics?sync=true", points).statusCode()).isEqualTo(200);
        assertThat(stored("copy")).containsExactly(new MetricPoint(Instant.parse("2026-12-01T10:00:00.123456Z"),
                "copy", 7.5, Optional.of("S"), Map.of("k", "v")));
    }

    @Test
    @DisplayName("a body larger than the writer's buffer is a 413 naming the limit; a dropping policy is refused")
    void writerLimits(@TempDir Path other) {
        WriterSettings small = WriterSettings.defaults().withBatchSize(5).withBuffer(10, 1L << 20);
        try (Served limited = new Served(ServerFixture.serving(ServerFixture.openDuckDb(other.resolve("a.duckdb")),
                small, s -> s))) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 11; i++) {
                body.append("{\"metric\": \"price\", \"value\": ").append(i).append(", \"time\": 0}\n");
            }
            HttpResponse<String> response = limited.post("/api/metrics", body.toString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("metrics.writer.buffer.max-rows = 10");
            assertThat(limited.store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();
        }
        WriterSettings dropping = WriterSettings.defaults().withOverflow(OverflowPolicy.DROP_OLDEST, Duration.ZERO);
        ServerSettings settings = ServerFixture.settings(ConfigFactory.empty());
        assertThatThrownBy(() -> MetricsHttpServer.start(settings, dropping))
                .isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("metrics.writer.overflow.policy = drop-oldest");
    }
}
