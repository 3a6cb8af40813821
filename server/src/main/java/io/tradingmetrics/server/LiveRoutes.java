package io.tradingmetrics.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /api/live?metric=&symbol=}: Server-Sent Events of the latest values. The first event,
 * {@code snapshot}, holds every matching series; each later {@code changes} event the series whose latest point
 * changed, at most once per {@code metrics.server.live.rate}. Both carry {@code {"points": [...]}} as
 * {@code GET /api/metrics/current} does. Beyond {@code metrics.server.live.max-clients} clients, 503.
 */
final class LiveRoutes implements RouteGroup {
    private final ServerResources resources;
    private final Set<SseClient> open = ConcurrentHashMap.newKeySet();
    private volatile LiveFeed feed;

    LiveRoutes(ServerResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
    }

    /** One poller for every client, over the store as the routes see it (timed into /metrics). */
    @Override
    public void storeAttached(MetricsStore store) {
        ServerSettings settings = resources.settings();
        feed = new LiveFeed(store, settings.liveRate(), settings.liveMaxClients());
    }

    @Override
    public void addTo(RoutesConfig routes) {
        SseHandler events = new SseHandler(0, this::listen);
        routes.get("/api/live", ctx -> {
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw new ApiException(406, Optional.empty(), "/api/live answers Server-Sent Events only",
                        "send Accept: text/event-stream (a browser's EventSource does; curl -N -H 'Accept:"
                                + " text/event-stream')");
            }
            filter(ctx); // a bad parameter answers 400 before the stream starts
            LiveFeed feed = this.feed;
            if (feed == null) {
                resources.store(); // 503 while the store is not open yet
            }
            if (feed.clients() >= feed.maxClients()) {
                ctx.header("Retry-After", "10");
                throw new ApiException(503, Optional.empty(), "the server has " + feed.maxClients()
                        + " live clients already (metrics.server.live.max-clients)",
                        "try again later, or poll GET /api/metrics/current instead");
            }
            events.handle(ctx);
        });
    }

    private void listen(SseClient client) {
        LiveFeed feed = this.feed;
        LiveFeed.Filter filter = filter(client.ctx());
        LiveFeed.Sink sink = new LiveFeed.Sink() {
            @Override
            public boolean send(String event, List<MetricPoint> points) {
                client.sendEvent(event, encode(points));
                return !client.terminated();
            }

            @Override
            public boolean keepAlive() {
                client.sendComment("keep-alive");
                return !client.terminated();
            }
        };
        client.onClose(() -> {
            open.remove(client);
            feed.leave(sink);
        });
        if (!feed.join(filter, sink)) {
            // Another client took the last place between the check and now.
            client.sendEvent("error", "{\"error\":\"the server is at its live client limit\"}");
            client.close();
            return;
        }
        open.add(client);
        client.keepAlive();
    }

    private static LiveFeed.Filter filter(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, Set.of("metric", "symbol"));
        return new LiveFeed.Filter(Set.copyOf(query.all("metric")), query.optional("symbol"));
    }

    static String encode(List<MetricPoint> points) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + points.size() * 128);
        try (JsonGenerator json = JsonOutput.generator(out)) {
            json.writeStartObject();
            StoreJson.pointsField(json, points);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Stops the poller. The streams themselves ended with the HTTP server, which stops before the route groups
     * close; completing them now would touch requests Jetty has already recycled.
     */
    @Override
    public void close() {
        LiveFeed current = feed;
        if (current != null) {
            current.close();
        }
        open.clear();
    }
}
