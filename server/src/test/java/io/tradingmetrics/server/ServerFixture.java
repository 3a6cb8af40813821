package io.tradingmetrics.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.duckdb.DuckDbMetricsStoreFactory;
import io.tradingmetrics.writer.WriterSettings;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The real server on a free loopback port over a real store, and an HTTP client for it. {@link #duckDb} serves a new
 * DuckDB file; {@link #serving} any store the test opened. Closing it shuts the server down, which closes the store.
 */
final class ServerFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final MetricsHttpServer server;
    private final MetricsStore store;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ServerFixture(MetricsHttpServer server, MetricsStore store) {
        this.server = server;
        this.store = store;
    }

    /** @return the server on a free port over a new DuckDB file in the folder, default settings otherwise */
    static ServerFixture duckDb(Path folder) {
        return duckDb(folder, settings -> settings);
    }

    /** @return the server over a new DuckDB file, its settings changed by the function */
    static ServerFixture duckDb(Path folder, Function<ServerSettings, ServerSettings> change) {
        return serving(openDuckDb(folder.resolve("served.duckdb")), change);
    }

    /** @return a DuckDB store on the file, created when missing */
    static MetricsStore openDuckDb(Path file) {
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", file.toString())));
    }

    /** @return the server over the store on a free loopback port; it owns the store */
    static ServerFixture serving(MetricsStore store, Function<ServerSettings, ServerSettings> change) {
        return serving(store, WriterSettings.defaults(), change);
    }

    /** @return the server over the store, posted points through a writer of these settings */
    static ServerFixture serving(MetricsStore store, WriterSettings writer,
                                 Function<ServerSettings, ServerSettings> change) {
        ServerSettings settings = change.apply(settings(ConfigFactory.empty()));
        return new ServerFixture(MetricsHttpServer.start(settings, writer, store), store);
    }

    /** @return the settings of the configuration over the reference, on port 0 */
    static ServerSettings settings(Config config) {
        return ServerSettings.from(config).withPort(0).withBind("127.0.0.1");
    }

    /** @return the store served, to ask the SPI the same questions (do not close it: the server does) */
    MetricsStore store() {
        return store;
    }

    MetricsHttpServer server() {
        return server;
    }

    /** @return the base URL, http://127.0.0.1:PORT */
    String url() {
        return server.url();
    }

    /** @return the answer to GET of the path (with its query, already encoded) */
    Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).GET().build());
    }

    /** @return the answer to a request built by the caller */
    Response send(HttpRequest request) {
        HttpResponse<String> response = exchange(request);
        return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                response.body());
    }

    /** @return the answer to GET of the URI, of any server */
    static Response request(URI uri) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(uri).GET().build());
        return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                response.body());
    }

    /** @return the first value of each header of the answer, names in lower case */
    Map<String, String> sendForHeaders(HttpRequest request) {
        Map<String, String> headers = new java.util.TreeMap<>();
        exchange(request).headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                values.get(0)));
        return headers;
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** @return the text encoded for a query string */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }

    /** One answer: status, content type, body. */
    record Response(int status, String contentType, String body) {
        Response {
            requireNonNull(body, "body is null");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the body is not JSON (status " + status + "): " + body, e);
            }
        }
    }
}
