package io.tradingmetrics.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** {@code GET /api/performance} (snapshots, oldest first) and {@code /api/performance/summary}. */
final class PerformanceRoutes implements RouteGroup {
    private static final Set<String> RANGE = Set.of("from", "to");

    private final ServerResources resources;
    private final ReadChecks checks;

    PerformanceRoutes(ServerResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
        this.checks = new ReadChecks(resources);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/performance", this::history);
        routes.get("/api/performance/summary", this::summary);
    }

    private void history(Context ctx) {
        TimeRange range = checks.range(QueryParameters.of(ctx, RANGE));
        List<PerformanceSnapshot> snapshots = resources.store().performanceHistory(range);
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("snapshots");
            for (PerformanceSnapshot snapshot : snapshots) {
                StoreJson.snapshot(json, snapshot);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private void summary(Context ctx) {
        TimeRange range = checks.range(QueryParameters.of(ctx, RANGE));
        Optional<PerformanceSummary> summary = resources.store().performanceSummary(range);
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartObject();
            json.writeFieldName("summary");
            if (summary.isPresent()) {
                StoreJson.summary(json, summary.get());
            } else {
                json.writeNull();
            }
            json.writeEndObject();
        });
    }
}
