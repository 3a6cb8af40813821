package io.tradingmetrics.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the server's JSON back into the API's records, as a client would, so that tests compare the HTTP answer
 * with the SPI's answer to the same query record by record. Every instant pair is checked to agree.
 */
final class ApiJson {
    private ApiJson() {}

    static JsonNode parse(String line) {
        return new ServerFixture.Response(200, "application/json", line).json();
    }

    static <T> List<T> list(JsonNode array, Function<JsonNode, T> reader) {
        assertThat(array.isArray()).as("an array: %s", array).isTrue();
        List<T> values = new ArrayList<>();
        array.forEach(node -> values.add(reader.apply(node)));
        return values;
    }

    static Instant instant(JsonNode node, String name) {
        Instant instant = Instant.parse(node.get(name).asText());
        assertThat(node.get(name + "Ms").asLong()).as(name + "Ms").isEqualTo(instant.toEpochMilli());
        return instant;
    }

    static Optional<Instant> optionalInstant(JsonNode node, String name) {
        if (node.get(name).isNull()) {
            assertThat(node.get(name + "Ms").isNull()).as(name + "Ms").isTrue();
            return Optional.empty();
        }
        return Optional.of(instant(node, name));
    }

    static double number(JsonNode node) {
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new AssertionError("not a number: " + node);
            };
        }
        assertThat(node.isNumber()).as("a number: %s", node).isTrue();
        return node.doubleValue();
    }

    static OptionalDouble optionalNumber(JsonNode node) {
        return node.isNull() ? OptionalDouble.empty() : OptionalDouble.of(number(node));
    }

    static Optional<String> text(JsonNode node) {
        return node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    static MetricPoint point(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        node.get("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        return new MetricPoint(instant(node, "time"), node.get("metric").asText(), number(node.get("value")),
                text(node.get("symbol")), labels);
    }

    static Function<JsonNode, AggregatedBucket> bucket(boolean bySymbol) {
        return node -> {
            assertThat(node.has("symbol")).as("symbol field present only by symbol: %s", node).isEqualTo(bySymbol);
            return new AggregatedBucket(instant(node, "time"), bySymbol ? text(node.get("symbol")) : Optional.empty(),
                    optionalNumber(node.get("value")), node.get("count").asLong());
        };
    }

    static Candle candle(JsonNode node) {
        return new Candle(instant(node, "time"), node.get("symbol").asText(), number(node.get("open")),
                number(node.get("high")), number(node.get("low")), number(node.get("close")),
                node.get("volume").asLong());
    }

    static PerformanceSnapshot snapshot(JsonNode node) {
        JsonNode trades = node.get("totalTrades");
        return new PerformanceSnapshot(instant(node, "time"), number(node.get("portfolioValue")),
                number(node.get("pnl")), optionalNumber(node.get("sharpeRatio")),
                optionalNumber(node.get("maxDrawdown")), optionalNumber(node.get("winRate")),
                trades.isNull() ? OptionalInt.empty() : OptionalInt.of(trades.asInt()));
    }

    static PerformanceSummary summary(JsonNode node) {
        return new PerformanceSummary(instant(node, "firstSnapshot"), instant(node, "lastSnapshot"),
                node.get("snapshots").asLong(), number(node.get("startValue")), number(node.get("endValue")),
                number(node.get("minValue")), number(node.get("maxValue")), number(node.get("totalPnl")),
                optionalNumber(node.get("averageSharpe")), optionalNumber(node.get("worstDrawdown")),
                optionalNumber(node.get("averageWinRate")), node.get("totalTrades").asLong(),
                optionalNumber(node.get("returnPercent")));
    }

    static TableStats tableStats(JsonNode node) {
        JsonNode bytes = node.get("bytesOnDisk");
        return new TableStats(StoreTable.fromName(node.get("table").asText()), node.get("rowCount").asLong(),
                optionalInstant(node, "minTime"), optionalInstant(node, "maxTime"),
                bytes.isNull() ? OptionalLong.empty() : OptionalLong.of(bytes.asLong()));
    }
}
