package io.tradingmetrics.server;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Times every request into {@code http.server.requests} (Prometheus: {@code http_server_requests_seconds}), tagged
 * by {@code method}, {@code route} (the route's template, {@code /api/metrics/raw}; {@code unmatched} for a path no
 * route serves, so that stray paths cannot grow the tag's values) and {@code status}, with a histogram for
 * latency quantiles.
 */
final class RequestMetrics {
    static final String NAME = "http.server.requests";

    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    void record(Context ctx, Float executionMillis) {
        Timer.builder(NAME).description("HTTP requests served, by route and status")
                .tag("method", ctx.method().name()).tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record((long) (executionMillis * 1_000_000.0), TimeUnit.NANOSECONDS);
    }

    private static String route(Context ctx) {
        try {
            var endpoint = ctx.endpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched"; // no endpoint matched the path
        }
    }
}
