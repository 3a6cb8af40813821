package io.tradingmetrics.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.tradingmetrics.server.ServedData.END;
import static io.tradingmetrics.server.ServedData.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read endpoint against the real server over a real store: the answer, read back into the API's records,
 * equals the SPI's answer to the same query. A subclass supplies the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpReadsContract {
    private ServerFixture server;

    /** The store's own bucket cap ({@code max-buckets}) the subclasses configure, below the server's. */
    static final int STORE_MAX_BUCKETS = 5_000;

    /** @return a new, empty store whose max-buckets is {@link #STORE_MAX_BUCKETS} */
    protected abstract MetricsStore openStore(Path folder);

    /** Called after the server (and so the store) has closed. */
    protected void afterServerClosed() throws Exception {
    }

    @BeforeAll
    void start(@TempDir Path folder) {
        MetricsStore store = openStore(folder);
        ServedData.write(store);
        server = ServerFixture.serving(store, settings -> settings);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        afterServerClosed();
    }

    ServerFixture server() {
        return server;
    }

    private MetricsStore store() {
        return server.store();
    }

    private JsonNode ok(String pathAndQuery) {
        ServerFixture.Response response = server.get(pathAndQuery);
        assertThat(response.status()).as("%s: %s", pathAndQuery, response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    private static String range(Instant from, Instant to) {
        return "from=" + ServerFixture.encode(from.toString()) + "&to=" + to.toEpochMilli();
    }

    @Test
    @DisplayName("current values: every series, by metric (repeated) and by symbol, as latest() answers")
    void current() {
        assertThat(ApiJson.list(ok("/api/metrics/current").get("points"), ApiJson::point))
                .isEqualTo(store().latest(LatestQuery.all())).hasSizeGreaterThan(5);
        assertThat(ApiJson.list(ok("/api/metrics/current?metric=price&metric=weird").get("points"), ApiJson::point))
                .isEqualTo(store().latest(new LatestQuery(Set.of("price", "weird"), Optional.empty())));
        assertThat(ApiJson.list(ok("/api/metrics/current?symbol=ETH-USD").get("points"), ApiJson::point))
                .isEqualTo(store().latest(LatestQuery.all().withSymbol("ETH-USD")))
                .allMatch(point -> point.symbol().equals(Optional.of("ETH-USD")));
    }

    @Test
    @DisplayName("NaN and the infinities are the strings \"NaN\", \"Infinity\", \"-Infinity\", and read back")
    void nonFiniteValues() {
        JsonNode points = ok("/api/metrics/current?metric=weird").get("points");
        List<String> values = new ArrayList<>();
        points.forEach(point -> values.add(point.get("value").asText()));

        assertThat(values).containsExactlyInAnyOrder("NaN", "Infinity", "-Infinity");
        assertThat(ApiJson.list(points, ApiJson::point)).isEqualTo(store().latest(LatestQuery.of("weird")));
    }

    @Test
    @DisplayName("raw ranges: symbol, labels, limit and order, with truncated saying whether points were left out")
    void raw() {
        Instant from = T0.plus(Duration.ofMinutes(10));
        Instant to = T0.plus(Duration.ofMinutes(40));
        JsonNode all = ok("/api/metrics/raw?metric=price&" + range(from, to) + "&limit=5000");
        // Newest first; the two symbols' points of one instant come in no particular order, on every read.
        assertThat(ApiJson.list(all.get("points"), ApiJson::point))
                .containsExactlyInAnyOrderElementsOf(store().queryMetrics(MetricQuery.of("price", TimeRange.of(from, to))
                        .withLimit(5000)))
                .hasSize(180).isSortedAccordingTo(Comparator.comparing(MetricPoint::timestamp).reversed());
        assertThat(all.get("truncated").asBoolean()).isFalse();

        JsonNode labelled = ok("/api/metrics/raw?metric=price&symbol=BTC-USD&label.venue=binance&limit=7&"
                + range(from, to));
        MetricQuery query = MetricQuery.of("price", TimeRange.of(from, to)).withSymbol("BTC-USD")
                .withLabels(Map.of("venue", "binance")).withLimit(7);
        assertThat(ApiJson.list(labelled.get("points"), ApiJson::point)).isEqualTo(store().queryMetrics(query));
        assertThat(labelled.get("truncated").asBoolean()).isTrue();
        assertThat(labelled.get("limit").asInt()).isEqualTo(7);

        List<MetricPoint> ascending = new ArrayList<>(store().queryMetrics(query));
        Collections.reverse(ascending);
        assertThat(ApiJson.list(ok("/api/metrics/raw?metric=price&symbol=BTC-USD&label.venue=binance&limit=7&order=asc&"
                + range(from, to)).get("points"), ApiJson::point)).isEqualTo(ascending);

        assertThat(ok("/api/metrics/raw?metric=price&symbol=ETH-USD&label.venue=binance&" + range(from, to))
                .get("points")).isEmpty();
    }

    @Test
    @DisplayName("aggregations: interval, aggregation, symbol, labels, by symbol and gap fill, as aggregate() answers")
    void aggregate() {
        TimeRange range = TimeRange.of(T0, END);
        String base = "/api/metrics/aggregate?" + range(T0, END);
        check(base + "&metric=price", AggregationQuery.of("price", range, Interval.MINUTE_1, Aggregation.AVG), false);
        check(base + "&metric=price&interval=5m&aggregation=p95&bySymbol=true",
                AggregationQuery.of("price", range, Interval.MINUTE_5, Aggregation.P95).groupedBySymbol(), true);
        check(base + "&metric=volume&interval=15m&aggregation=sum&symbol=ETH-USD",
                AggregationQuery.of("volume", range, Interval.MINUTE_15, Aggregation.SUM).withSymbol("ETH-USD"), false);
        check(base + "&metric=price&interval=1h&aggregation=last&label.venue=binance",
                AggregationQuery.of("price", range, Interval.HOUR_1, Aggregation.LAST)
                        .withLabels(Map.of("venue", "binance")), false);
        TimeRange wider = TimeRange.of(T0.minus(Duration.ofMinutes(30)), END);
        check("/api/metrics/aggregate?" + range(wider.from(), wider.to())
                        + "&metric=weird&interval=1m&aggregation=stddev&bySymbol=true&gapFill=null",
                AggregationQuery.of("weird", wider, Interval.MINUTE_1, Aggregation.STDDEV).groupedBySymbol()
                        .withGapFill(GapFill.NULL), true);
        TimeRange halfHour = TimeRange.of(T0, T0.plus(Duration.ofMinutes(30)));
        check("/api/metrics/aggregate?" + range(halfHour.from(), halfHour.to())
                        + "&metric=order_latency_ms&interval=1s&aggregation=max&gapFill=previous",
                AggregationQuery.of("order_latency_ms", halfHour, Interval.SECOND_1, Aggregation.MAX)
                        .withGapFill(GapFill.PREVIOUS), false);
    }

    private void check(String pathAndQuery, AggregationQuery query, boolean bySymbol) {
        JsonNode answer = ok(pathAndQuery);
        assertThat(ApiJson.list(answer.get("buckets"), ApiJson.bucket(bySymbol))).as(pathAndQuery)
                .isEqualTo(store().aggregate(query)).isNotEmpty();
        assertThat(answer.get("interval").asText()).isEqualTo(query.interval().label());
    }

    @Test
    @DisplayName("stored candles, roll-ups and candles from points, as the SPI answers")
    void candles() {
        TimeRange range = TimeRange.of(T0.plus(Duration.ofMinutes(3)), END);
        String window = range(range.from(), range.to());
        assertThat(ApiJson.list(ok("/api/candles?" + window).get("candles"), ApiJson::candle))
                .isEqualTo(store().candles(CandleQuery.of(range))).hasSize(234);
        assertThat(ApiJson.list(ok("/api/candles?symbol=ETH-USD&" + window).get("candles"), ApiJson::candle))
                .isEqualTo(store().candles(CandleQuery.of(range, "ETH-USD")));
        assertThat(ApiJson.list(ok("/api/candles/rollup?interval=15m&" + window).get("candles"), ApiJson::candle))
                .isEqualTo(store().rollUpCandles(CandleQuery.of(range), Interval.MINUTE_15)).isNotEmpty();
        assertThat(ApiJson.list(ok("/api/candles/from-metrics?price=price&volume=volume&interval=5m&symbol=BTC-USD&"
                + window).get("candles"), ApiJson::candle))
                .isEqualTo(store().candlesFromMetrics(MetricCandleQuery.of("price", range, Interval.MINUTE_5)
                        .withVolumeMetric("volume").withSymbol("BTC-USD"))).isNotEmpty();
        assertThat(ApiJson.list(ok("/api/candles/from-metrics?price=price&" + window).get("candles"), ApiJson::candle))
                .isEqualTo(store().candlesFromMetrics(MetricCandleQuery.of("price", range, Interval.MINUTE_1)));
    }

    @Test
    @DisplayName("performance history and summary (null for a range without snapshots), as the SPI answers")
    void performance() {
        TimeRange range = TimeRange.of(T0.plus(Duration.ofMinutes(7)), END);
        String window = range(range.from(), range.to());
        assertThat(ApiJson.list(ok("/api/performance?" + window).get("snapshots"), ApiJson::snapshot))
                .isEqualTo(store().performanceHistory(range)).hasSize(22);
        assertThat(ApiJson.summary(ok("/api/performance/summary?" + window).get("summary")))
                .isEqualTo(store().performanceSummary(range).orElseThrow());
        assertThat(ok("/api/performance/summary?" + range(END, END.plusSeconds(60))).get("summary").isNull())
                .isTrue();
    }

    @Test
    @DisplayName("table stats, schema info and counts, as the SPI answers")
    void tables() {
        assertThat(ApiJson.list(ok("/api/stats").get("tables"), ApiJson::tableStats)).isEqualTo(store().stats());
        JsonNode schema = ok("/api/schema");
        assertThat(schema.get("currentVersion").asText()).isEqualTo(store().schemaInfo().currentVersion());
        assertThat(schema.get("upToDate").asBoolean()).isTrue();
        assertThat(ApiJson.list(schema.get("history"), JsonNode::asText)).isEqualTo(store().schemaInfo().history());
        TimeRange range = TimeRange.of(T0.plus(Duration.ofMinutes(30)), END);
        assertThat(ok("/api/count?table=candles&" + range(range.from(), range.to())).get("count").asLong())
                .isEqualTo(store().count(StoreTable.CANDLES, range)).isEqualTo(180);
        assertThat(ok("/api/count?table=trading_metrics").get("count").asLong())
                .isEqualTo(store().count(StoreTable.TRADING_METRICS, TimeRange.all()));
    }

    @Test
    @DisplayName("an export streams every row of the range as NDJSON, as the streaming reads give them")
    void export() {
        TimeRange range = TimeRange.of(T0.plus(Duration.ofMinutes(90)), END);
        ServerFixture.Response response = server.get("/api/export/trading_metrics?" + range(range.from(), range.to()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        List<MetricPoint> exported = response.body().lines().map(ApiJson::parse).map(ApiJson::point).toList();
        try (Stream<MetricPoint> stream = store().streamMetrics(range)) {
            // Ascending by time; rows of one instant come in no particular order, on every read.
            assertThat(exported).containsExactlyInAnyOrderElementsOf(stream.toList()).hasSize(450)
                    .isSortedAccordingTo(Comparator.comparing(MetricPoint::timestamp));
        }
        ServerFixture.Response candles = server.get("/api/export/candles");
        assertThat(candles.body().lines().map(ApiJson::parse).map(ApiJson::candle).toList())
                .hasSize(240).containsExactlyInAnyOrderElementsOf(store().candles(CandleQuery.of(TimeRange.all())));
    }

    /** A request the server must refuse: its path and query, the parameter named (null: none), words of the error. */
    record BadRequest(String pathAndQuery, String parameter, String errorContains, String hintContains) {
        @Override
        public String toString() {
            return pathAndQuery;
        }
    }

    Stream<BadRequest> badRequests() {
        String window = range(T0, END);
        return Stream.of(
                new BadRequest("/api/metrics/raw?metric=prise&" + window, "metric", "unknown metric 'prise'",
                        "did you mean 'price'?"),
                new BadRequest("/api/metrics/aggregate?metric=nope&" + window, "metric", "unknown metric 'nope'",
                        "stored metrics: order_latency_ms, price, volume, weird"),
                new BadRequest("/api/metrics/current?metric=price&metric=nope", "metric", "unknown metric 'nope'", ""),
                new BadRequest("/api/candles/from-metrics?price=nope&" + window, "price", "unknown metric 'nope'", ""),
                new BadRequest("/api/candles/from-metrics?price=price&volume=nope&" + window, "volume",
                        "unknown metric 'nope'", ""),
                new BadRequest("/api/metrics/aggregate?metric=price&interval=2m&" + window, "interval",
                        "unknown interval '2m'", "1s, 1m, 5m"),
                new BadRequest("/api/metrics/aggregate?metric=price&interval=5M&" + window, "interval",
                        "ambiguous", "1mo"),
                new BadRequest("/api/metrics/aggregate?metric=price&aggregation=median&" + window, "aggregation",
                        "unknown aggregation 'median'", "p50"),
                new BadRequest("/api/metrics/aggregate?metric=price&gapFill=zero&" + window, "gapFill",
                        "unknown gap fill 'zero'", "previous"),
                new BadRequest("/api/metrics/aggregate?metric=price&" + range(END, T0), "from", "is after to",
                        "from before to"),
                new BadRequest("/api/metrics/raw?metric=price&" + range(END, T0), "from", "is after to", ""),
                new BadRequest("/api/metrics/aggregate?metric=price&interval=1s&from=2026-01-01T00:00:00Z&to="
                        + END.toEpochMilli(), "interval", "metrics.server.max-buckets", "coarser interval"),
                new BadRequest("/api/candles/rollup?interval=1m&from=1900-01-01T00:00:00Z", "interval",
                        "metrics.server.max-buckets", "shorter range"),
                new BadRequest("/api/metrics/aggregate?metric=order_latency_ms&interval=1s&gapFill=null&" + window,
                        null, "over the cap of 5,000", "coarser interval"),
                new BadRequest("/api/candles/rollup?interval=1s&" + window, null, "1s", ""),
                new BadRequest("/api/candles/rollup?" + window, "interval", "missing", "interval=1h"),
                new BadRequest("/api/metrics/raw?metric=price&from=yesterday", "from", "from=yesterday is not a time",
                        "ISO-8601"),
                new BadRequest("/api/metrics/raw?metric=price&to=99999999999999999999", "to", "out of range", ""),
                new BadRequest("/api/metrics/raw?metric=price&limit=abc", "limit", "not a whole number", ""),
                new BadRequest("/api/metrics/raw?metric=price&limit=0", "limit", "outside 1..100000", ""),
                new BadRequest("/api/metrics/raw?metric=price&limit=100001", "limit", "outside 1..100000",
                        "metrics.server.max-points"),
                new BadRequest("/api/metrics/raw?metric=price&order=sideways", "order", "unknown order", "asc"),
                new BadRequest("/api/metrics/raw?metric=price&label.=x", "label.", "names no label key",
                        "label.venue=binance"),
                new BadRequest("/api/metrics/raw", "metric", "'metric' is missing", "metric="),
                new BadRequest("/api/metrics/raw?metric=price&metric=volume", "metric", "given 2 times", "once"),
                new BadRequest("/api/metrics/aggregate?metirc=price", "metirc", "unknown query parameter",
                        "did you mean 'metric'?"),
                new BadRequest("/api/metrics/aggregate?metric=price&bySymbol=maybe", "bySymbol", "not a boolean",
                        "bySymbol=true"),
                new BadRequest("/api/stats?table=candles", "table", "unknown query parameter", "takes no query"),
                new BadRequest("/api/count?table=prices", "table", "unknown table 'prices'", "candles"),
                new BadRequest("/api/export/prices", "table", "unknown table 'prices'", "trading_metrics"),
                new BadRequest("/health?deep=perhaps", "deep", "not a boolean", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    @DisplayName("a bad request answers 400 with an error and a hint naming the parameter, never a stack trace")
    void badRequest(BadRequest bad) {
        ServerFixture.Response response = server.get(bad.pathAndQuery());

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.path("error").asText()).contains(bad.errorContains());
        assertThat(body.path("hint").asText()).isNotBlank().contains(bad.hintContains());
        if (bad.parameter() == null) {
            assertThat(body.has("parameter")).as(response.body()).isFalse();
        } else {
            assertThat(body.path("parameter").asText()).isEqualTo(bad.parameter());
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
    }
}
