package io.tradingmetrics.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Candles: {@code GET /api/candles} (stored), {@code /api/candles/rollup} (stored, rolled up to a coarser interval)
 * and {@code /api/candles/from-metrics} (built from price points); see {@code server/HTTP-API.md}.
 */
final class CandleRoutes implements RouteGroup {
    private static final Set<String> STORED = Set.of("from", "to", "symbol");
    private static final Set<String> ROLLUP = Set.of("from", "to", "symbol", "interval");
    private static final Set<String> FROM_METRICS = Set.of("price", "volume", "from", "to", "symbol", "interval");

    private final ServerResources resources;
    private final ReadChecks checks;

    CandleRoutes(ServerResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
        this.checks = new ReadChecks(resources);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/candles", this::stored);
        routes.get("/api/candles/rollup", this::rollup);
        routes.get("/api/candles/from-metrics", this::fromMetrics);
    }

    private void stored(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, STORED);
        CandleQuery read = new CandleQuery(checks.range(query), query.optional("symbol"));
        respond(ctx, resources.store().candles(read));
    }

    private void rollup(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, ROLLUP);
        TimeRange range = checks.range(query);
        Interval interval = query.interval("interval", null);
        if (interval == null) {
            throw ApiException.badParameter("interval", "query parameter 'interval' is missing",
                    "give interval=1h (or 1m, 5m, 15m, 4h, 1d, 1w, 1mo)");
        }
        checks.requireBucketsWithinCap(interval, range);
        respond(ctx, resources.store().rollUpCandles(new CandleQuery(range, query.optional("symbol")), interval));
    }

    private void fromMetrics(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, FROM_METRICS);
        String price = query.required("price", "<metric of prices>");
        Optional<String> volume = query.optional("volume");
        TimeRange range = checks.range(query);
        Interval interval = query.interval("interval", Interval.MINUTE_1);
        checks.requireBucketsWithinCap(interval, range);
        List<Candle> candles = resources.store().candlesFromMetrics(
                new MetricCandleQuery(price, volume, range, interval, query.optional("symbol")));
        if (candles.isEmpty()) {
            checks.requireKnownMetric("price", price);
        }
        if (candles.stream().allMatch(candle -> candle.volume() == 0)) {
            // A volume metric that names nothing leaves every volume 0: only then is it worth a look-up.
            volume.ifPresent(metric -> checks.requireKnownMetric("volume", metric));
        }
        respond(ctx, candles);
    }

    private static void respond(Context ctx, List<Candle> candles) {
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("candles");
            for (Candle candle : candles) {
                StoreJson.candle(json, candle);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
