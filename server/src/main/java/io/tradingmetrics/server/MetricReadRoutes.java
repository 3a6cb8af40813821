package io.tradingmetrics.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Reads of metric points: {@code GET /api/metrics/current} (latest values), {@code /api/metrics/raw} (a range,
 * newest first, up to a limit) and {@code /api/metrics/aggregate} (time buckets); see {@code server/HTTP-API.md}.
 */
final class MetricReadRoutes implements RouteGroup {
    private static final Set<String> CURRENT = Set.of("metric", "symbol");
    private static final Set<String> RAW = Set.of("metric", "from", "to", "symbol", QueryParameters.LABELS, "limit",
            "order");
    private static final Set<String> AGGREGATE = Set.of("metric", "from", "to", "interval", "aggregation", "symbol",
            QueryParameters.LABELS, "bySymbol", "gapFill");

    private final ServerResources resources;
    private final ReadChecks checks;

    MetricReadRoutes(ServerResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
        this.checks = new ReadChecks(resources);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/metrics/current", this::current);
        routes.get("/api/metrics/raw", this::raw);
        routes.get("/api/metrics/aggregate", this::aggregate);
    }

    private void current(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, CURRENT);
        Set<String> metrics = new LinkedHashSet<>(query.all("metric"));
        Optional<String> symbol = query.optional("symbol");
        List<MetricPoint> points = resources.store().latest(new LatestQuery(metrics, symbol));
        for (String metric : metrics) {
            if (points.stream().noneMatch(point -> point.metricName().equals(metric))) {
                checks.requireKnownMetric("metric", metric);
            }
        }
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartObject();
            StoreJson.pointsField(json, points);
            json.writeEndObject();
        });
    }

    private void raw(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, RAW);
        String metric = query.required("metric", "<metric name>");
        TimeRange range = checks.range(query);
        int maxPoints = resources.settings().maxPoints();
        int limit = query.integer("limit", Math.min(MetricQuery.DEFAULT_LIMIT, maxPoints), 1, maxPoints,
                "give a limit from 1 to " + maxPoints + " (metrics.server.max-points), or a shorter range");
        boolean ascending = order(query);
        Map<String, String> labels = query.labels();
        MetricQuery read = new MetricQuery(metric, range, query.optional("symbol"), labels,
                limit == Integer.MAX_VALUE ? limit : limit + 1);
        List<MetricPoint> found = resources.store().queryMetrics(read);
        if (found.isEmpty()) {
            checks.requireKnownMetric("metric", metric);
        }
        boolean truncated = found.size() > limit;
        List<MetricPoint> points = new ArrayList<>(truncated ? found.subList(0, limit) : found);
        if (ascending) {
            Collections.reverse(points);
        }
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartObject();
            StoreJson.pointsField(json, points);
            json.writeNumberField("limit", limit);
            json.writeBooleanField("truncated", truncated);
            json.writeEndObject();
        });
    }

    private static boolean order(QueryParameters query) {
        String order = query.optional("order").orElse("desc").toLowerCase(Locale.ROOT);
        return switch (order) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw ApiException.badParameter("order", "unknown order '" + order + "'",
                    "give order=desc (newest first, the default) or order=asc");
        };
    }

    private void aggregate(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, AGGREGATE);
        String metric = query.required("metric", "<metric name>");
        TimeRange range = checks.range(query);
        Interval interval = query.interval("interval", Interval.MINUTE_1);
        Aggregation aggregation = query.aggregation("aggregation", Aggregation.AVG);
        GapFill gapFill = query.gapFill("gapFill", GapFill.NONE);
        boolean bySymbol = query.bool("bySymbol", false);
        checks.requireBucketsWithinCap(interval, range);
        AggregationQuery read = new AggregationQuery(metric, range, interval, aggregation, query.optional("symbol"),
                query.labels(), bySymbol, gapFill);
        List<AggregatedBucket> buckets = resources.store().aggregate(read);
        if (buckets.isEmpty()) {
            checks.requireKnownMetric("metric", metric);
        }
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("buckets");
            for (AggregatedBucket bucket : buckets) {
                StoreJson.bucket(json, bucket, bySymbol);
            }
            json.writeEndArray();
            json.writeStringField("interval", interval.label());
            json.writeStringField("aggregation", aggregation.name().toLowerCase(Locale.ROOT));
            json.writeEndObject();
        });
    }
}
