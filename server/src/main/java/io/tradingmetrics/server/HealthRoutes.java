package io.tradingmetrics.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreHealth;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /health} (does the store answer: {@link MetricsStore#ping()}, cheap enough to poll;
 * {@code ?deep=true} runs {@link MetricsStore#health()}, which on DuckDB reads every block of the file),
 * {@code GET /health/live} (the process serves) and {@code GET /health/ready} (the store is open, its schema
 * current, and the server not shutting down). Unhealthy and not ready answer 503, with {@code error} and
 * {@code hint} like every error.
 */
final class HealthRoutes implements RouteGroup {
    private final ServerResources resources;

    HealthRoutes(ServerResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/health", this::health);
        routes.get("/health/live", ctx -> JsonOutput.respond(ctx, 200, json -> {
            json.writeStartObject();
            json.writeStringField("status", "alive");
            json.writeEndObject();
        }));
        routes.get("/health/ready", this::ready);
    }

    private void health(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, Set.of("deep"));
        boolean deep = query.bool("deep", false);
        Optional<MetricsStore> store = resources.attachedStore();
        Instant checkedAt = Instant.now();
        if (store.isEmpty()) {
            JsonOutput.respond(ctx, 503, json -> {
                json.writeStartObject();
                json.writeStringField("status", "unhealthy");
                json.writeStringField("error", resources.notReady().orElse("the store is not open"));
                json.writeStringField("hint", "retry shortly: the store is being opened");
                JsonOutput.instant(json, "checkedAt", checkedAt);
                json.writeEndObject();
            });
            return;
        }
        StoreHealth health = deep ? store.get().health() : store.get().ping();
        JsonOutput.respond(ctx, health.healthy() ? 200 : 503, json -> {
            json.writeStartObject();
            json.writeStringField("status", health.healthy() ? "healthy" : "unhealthy");
            json.writeStringField("backend", health.backend());
            json.writeStringField("store", health.message());
            json.writeStringField("check", deep ? "deep" : "ping");
            JsonOutput.instant(json, "checkedAt", checkedAt);
            details(json, health.details());
            if (!health.healthy()) {
                json.writeStringField("error", health.message());
                json.writeStringField("hint", "the store does not answer: check that its server runs or its file"
                        + " is readable; GET /health?deep=true checks more");
            }
            json.writeEndObject();
        });
    }

    private void ready(Context ctx) {
        QueryParameters.of(ctx, Set.of());
        Optional<String> notReady = resources.notReady();
        JsonOutput.respond(ctx, notReady.isEmpty() ? 200 : 503, json -> {
            json.writeStartObject();
            json.writeStringField("status", notReady.isEmpty() ? "ready" : "not ready");
            if (notReady.isPresent()) {
                json.writeStringField("error", notReady.get());
                json.writeStringField("hint", "retry shortly; GET /health/live says whether the process serves");
            }
            json.writeEndObject();
        });
    }

    private static void details(JsonGenerator json, Map<String, String> details) throws IOException {
        json.writeObjectFieldStart("details");
        for (Map.Entry<String, String> detail : new TreeMap<>(details).entrySet()) {
            json.writeStringField(detail.getKey(), detail.getValue());
        }
        json.writeEndObject();
    }
}
