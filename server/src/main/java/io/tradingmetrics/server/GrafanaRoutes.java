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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
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
        String metric = required(ctx, "metric");
        TimeRange range = range(ctx);
        Interval interval = interval(ctx, range);
        Aggregation aggregation = Aggregation.parse(Optional.ofNullable(ctx.queryParam("aggregation")).orElse("avg"));
        Set<String> symbols = new HashSet<>(ctx.queryParams("symbol"));
        AggregationQuery query = new AggregationQuery(metric, range, interval, aggregation,
                symbols.size() == 1 ? symbols.stream().findFirst() : Optional.empty(), Map.of(), true, GapFill.NONE);
        List<AggregatedBucket> buckets = new ArrayList<>(resources.store().aggregate(query));
        buckets.removeIf(bucket -> !symbols.isEmpty() && !symbols.contains(bucket.symbol().orElse("")));
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
        List<String> symbols = ctx.queryParams("symbol");
        LatestQuery query = new LatestQuery(Set.copyOf(ctx.queryParams("metric")), symbols.size() == 1
                ? Optional.of(symbols.get(0)) : Optional.empty());
        List<MetricPoint> points = new ArrayList<>(resources.store().latest(query));
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
        String symbol = required(ctx, "symbol");
        TimeRange range = range(ctx);
        Interval interval = interval(ctx, range);
        Optional<String> price = Optional.ofNullable(ctx.queryParam("price"));
        List<Candle> candles = price.isPresent()
                ? resources.store().candlesFromMetrics(new MetricCandleQuery(price.get(),
                        Optional.ofNullable(ctx.queryParam("volume")), range, interval, Optional.of(symbol)))
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

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badParameter(name, "the parameter " + name + " is missing",
                    "add " + name + "=... to the URL (Infinity: URL options, query parameters)");
        }
        return value;
    }

    private static TimeRange range(Context ctx) {
        Instant from = time(ctx, "from");
        Instant to = time(ctx, "to");
        if (from.isAfter(to)) {
            throw ApiException.badParameter("from", "from " + from + " is after to " + to,
                    "give from before to (Grafana: from=${__from}&to=${__to})");
        }
        return TimeRange.of(from, to);
    }

    private static Instant time(Context ctx, String name) {
        String text = required(ctx, name);
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ApiException.badParameter(name, name + " = '" + text + "' is neither epoch milliseconds nor an"
                    + " ISO-8601 time", "use ${__" + name + "} in Grafana, or a time like 2026-12-01T10:00:00Z");
        }
    }

    /** The store's interval, or the next coarser one for a Grafana duration the store has no bucket for. */
    private Interval interval(Context ctx, TimeRange range) {
        String text = Optional.ofNullable(ctx.queryParam("interval")).orElse("1m").trim();
        Interval interval;
        Matcher duration = DURATION.matcher(text);
        if (text.equals("1mo") || text.equalsIgnoreCase("month_1")) {
            interval = Interval.MONTH_1;
        } else if (duration.matches()) {
            interval = roundUp(toDuration(Long.parseLong(duration.group(1)), duration.group(2)));
        } else {
            interval = Interval.parse(text);
        }
        long buckets = interval.bucketsIn(range);
        if (buckets > resources.settings().maxBuckets()) {
            throw ApiException.badParameter("interval", "interval " + interval.label() + " over " + range
                    + " makes " + buckets + " buckets, over the limit of " + resources.settings().maxBuckets()
                    + " (metrics.server.max-buckets)", "use a coarser interval or a shorter range (Grafana: set the"
                    + " panel's Max data points or Min interval)");
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
