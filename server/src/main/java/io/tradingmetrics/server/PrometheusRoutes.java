package io.tradingmetrics.server;

import io.javalin.config.RoutesConfig;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /metrics}: the server's own meters in Prometheus' text format (version 0.0.4): requests by route and
 * status with latency histograms ({@code http_server_requests_seconds}), store calls
 * ({@code metrics_store_calls_seconds}, by operation and outcome, from {@code InstrumentedMetricsStore}), and the
 * JVM's memory, threads, CPU and uptime.
 */
final class PrometheusRoutes implements RouteGroup {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerResources resources;

    PrometheusRoutes(ServerResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/metrics", ctx -> {
            QueryParameters.of(ctx, Set.of());
            ctx.contentType(CONTENT_TYPE).result(resources.registry().scrape());
        });
    }
}
