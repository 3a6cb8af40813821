package io.tradingmetrics.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.TimeRange;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What Grafana's Infinity data source ({@code yesoreyeram-infinity-datasource}) reads as it is, with no plugin of
 * ours: each route answers a JSON array of flat rows (no root selector needed), time as epoch milliseconds in
 * {@code time} (column type "Time (UNIX ms)", {@code timestamp_epoch}), rows in ascending time. A series route's
 * rows are long (time, metric, symbol, value): with the backend parser and format "Time series", Infinity turns
 * them into one series per symbol (its long-to-wide conversion needs the ascending time order). {@code from} and
 * {@code to} take Grafana's {@code ${__from}} / {@code ${__to}} (epoch ms) or ISO-8601; {@code interval} takes
 * Grafana's {@code ${__interval}} (for example {@code 30s}, {@code 2m}, {@code 500ms}) and rounds it up to the
 * next bucket width the store has ({@code 1s 1m 5m 15m 1h 4h 1d 1w 1mo}). A value JSON cannot carry (NaN, an
 * infinity) is {@code null} here, a gap in a Grafana graph. README "Grafana" has the data source and a panel.
 */
final class GrafanaRoutes implements RouteGroup {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private final ServerResources resources;

    GrafanaRoutes(ServerResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/grafana/series", this::series);
        routes.get("/api/grafana/latest", this::latest);
        routes.get("/api/grafana/candles", this::candles);
    }

    private void series(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, Set.of("metric", "from", "to", "interval", "aggregation",
                "symbol"));
        String metric = query.required("metric", "<a metric name>");
        TimeRange range = range(query);
        Interval interval = interval(query, range);
        Aggregation aggregation = query.aggregation("aggregation", Aggregation.AVG);
        Set<String> symbols = Set.copyOf(query.all("symbol"));
        AggregationQuery aggregate = new AggregationQuery(metric, range, interval, aggregation,
                symbols.size() == 1 ? symbols.stream().findFirst() : Optional.empty(), Map.of(), true, GapFill.NONE);
        List<AggregatedBucket> buckets = new ArrayList<>(resources.store().aggregate(aggregate));
        buckets.removeIf(bucket -> !symbols.isEmpty() && !symbols.contains(bucket.symbol().orElse("")));
        // Infinity's long-to-wide conversion needs the rows in ascending time; the store orders by symbol first.
        buckets.sort(Comparator.comparing(AggregatedBucket::bucketStart)
                .thenComparing(bucket -> bucket.symbol().orElse("")));
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartArray();
            for (AggregatedBucket bucket : buckets) {
                json.writeStartObject();
                json.writeNumberField("time", bucket.bucketStart().toEpochMilli());
                json.writeStringField("metric", metric);
                json.writeStringField("symbol", bucket.symbol().orElse(""));
                value(json, "value", bucket.value());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private void latest(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, Set.of("metric", "symbol"));
        List<String> symbols = query.all("symbol");
        LatestQuery latest = new LatestQuery(Set.copyOf(query.all("metric")), symbols.size() == 1
                ? Optional.of(symbols.get(0)) : Optional.empty());
        List<MetricPoint> points = new ArrayList<>(resources.store().latest(latest));
        points.removeIf(point -> symbols.size() > 1 && !symbols.contains(point.symbol().orElse("")));
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartArray();
            for (MetricPoint point : points) {
                json.writeStartObject();
                json.writeNumberField("time", point.timestamp().toEpochMilli());
                json.writeStringField("metric", point.metricName());
                json.writeStringField("symbol", point.symbol().orElse(""));
                value(json, "value", point.value());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private void candles(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, Set.of("symbol", "from", "to", "interval", "price",
                "volume"));
        String symbol = query.required("symbol", "<a symbol>");
        TimeRange range = range(query);
        Interval interval = interval(query, range);
        Optional<String> price = query.optional("price");
        List<Candle> candles = price.isPresent()
                ? resources.store().candlesFromMetrics(new MetricCandleQuery(price.get(), query.optional("volume"),
                        range, interval, Optional.of(symbol)))
                : resources.store().rollUpCandles(CandleQuery.of(range, symbol), interval);
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartArray();
            for (Candle candle : candles) {
                json.writeStartObject();
                json.writeNumberField("time", candle.timestamp().toEpochMilli());
                json.writeStringField("symbol", candle.symbol());
                value(json, "open", candle.open());
                value(json, "high", candle.high());
                value(json, "low", candle.low());
                value(json, "close", candle.close());
                json.writeNumberField("volume", candle.volume());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private static void value(JsonGenerator json, String name, OptionalDouble value) throws IOException {
        if (value.isPresent()) {
            value(json, name, value.getAsDouble());
        } else {
            json.writeNullField(name);
        }
    }

    private static void value(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(name, value);
        } else {
            json.writeNullField(name);
        }
    }

    /** Grafana always sends both ends (${__from}, ${__to}); the defaults are the last 24 hours, as for reads. */
    private static TimeRange range(QueryParameters query) {
        return query.range(Instant.now(), Duration.ofHours(24));
    }

    /** The store's interval, or the next coarser one for a Grafana duration the store has no bucket for. */
    private Interval interval(QueryParameters query, TimeRange range) {
        String text = query.optional("interval").orElse("1m").trim();
        Matcher duration = DURATION.matcher(text);
        Interval interval = duration.matches() && !text.equals("1mo")
                ? roundUp(toDuration(Long.parseLong(duration.group(1)), duration.group(2)))
                : query.interval("interval", Interval.MINUTE_1);
        long buckets = interval.bucketsIn(range);
        if (buckets > resources.settings().maxBuckets()) {
            throw ApiException.badParameter("interval", "interval " + interval.label() + " from " + range.from()
                    + " to " + range.to() + " makes " + buckets + " buckets, over the limit of "
                    + resources.settings().maxBuckets() + " (metrics.server.max-buckets)", "use a coarser interval"
                    + " or a shorter range (Grafana: the panel's Max data points or Min interval)");
        }
        return interval;
    }

    private static Duration toDuration(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> Duration.ofDays(365 * amount);
        };
    }

    static Interval roundUp(Duration wanted) {
        for (Interval interval : Interval.values()) {
            if (interval.isMonths() || Duration.ofNanos(interval.widthMicros() * 1_000).compareTo(wanted) >= 0) {
                return interval;
            }
        }
        return Interval.MONTH_1;
    }
}
