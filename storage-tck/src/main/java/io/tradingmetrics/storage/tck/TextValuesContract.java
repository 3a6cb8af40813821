package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metric names, symbols and labels that break naive SQL or JSON handling: quotes, backslashes, LIKE wildcards, SQL
 * fragments, JSON path syntax, control characters and text beyond the Basic Multilingual Plane.
 */
public abstract class TextValuesContract extends StoreContract {

    protected TextValuesContract(StoreFixture fixture) {
        super(fixture);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"价格", "株価/円", "📈🚀", "👩‍💻🏳️‍🌈", "O'Reilly", "say \"hi\"", "back\\slash", "\\\\server\\n",
        "\\'; DROP TABLE x; --", "E'\\''", "100%", "under_score", "%", "_", "'; DROP TABLE x; --",
        "\"; DROP TABLE x; --", "tab\tnew\nline\r", "\u0001\u001f", " padded ", "{\"a\": [1]}", "$.venue", "a.b", "[0]", "a~b/c~1", "/", "?", "$1", "--", "/* x */", "日本語 🇯🇵 ü ß"})
    @DisplayName("a tricky text works as metric name, symbol, label key and label value, in every read")
    void trickyText(String text) {
        MetricPoint point = new MetricPoint(BASE, text, 42.5, Optional.of(text), Map.of(text, text, "plain", text));
        MetricPoint sibling = new MetricPoint(BASE.plusSeconds(1), text + "x", 1, Optional.of(text + "x"),
                Map.of(text + "x", text));
        MetricPoint plain = MetricPoint.of(BASE.plusSeconds(2), "plain", 2, "PLAIN", Map.of("plain", "plain"));
        insert(List.of(point, sibling, plain));
        Candle candle = new Candle(BASE, text, 1, 2, 0.5, 1.5, 9);
        upsertCandles(List.of(candle));

        MetricQuery query = MetricQuery.of(text, TimeRange.all());
        assertThat(store().queryMetrics(query)).as("by name").containsExactly(point);
        assertThat(store().queryMetrics(query.withSymbol(text))).as("by symbol").containsExactly(point);
        assertThat(store().queryMetrics(query.withLabels(Map.of(text, text)))).as("by label").containsExactly(point);
        assertThat(store().queryMetrics(query.withLabels(Map.of("plain", text)))).as("by value").containsExactly(point);
        assertThat(store().queryMetrics(query.withLabels(Map.of(text, "other")))).as("other value").isEmpty();
        assertThat(store().latest(LatestQuery.of(text))).containsExactly(point);
        assertThat(store().latest(LatestQuery.all().withSymbol(text))).containsExactly(point);
        try (Stream<MetricPoint> stream = store().streamMetrics(TimeRange.all())) {
            assertThat(stream.toList()).containsExactly(point, sibling, plain);
        }

        List<AggregatedBucket> buckets = store().aggregate(AggregationQuery.of(text, TimeRange.all(), Interval.HOUR_1,
                Aggregation.SUM).withSymbol(text).withLabels(Map.of(text, text)).groupedBySymbol());
        assertThat(buckets).singleElement().satisfies(b -> {
            assertThat(b.symbol()).contains(text);
            assertThat(b.sampleCount()).isEqualTo(1);
        });

        assertThat(store().candles(CandleQuery.of(TimeRange.all(), text))).containsExactly(candle);
        assertThat(store().candlesFromMetrics(MetricCandleQuery.of(text, TimeRange.all(), Interval.MINUTE_1)
                .withSymbol(text))).containsExactly(new Candle(BASE, text, 42.5, 42.5, 42.5, 42.5, 1));
    }

    @Test
    @DisplayName("LIKE wildcards in names, symbols and labels match only themselves")
    void wildcardsMatchLiterally() {
        List<String> names = List.of("a%c", "a_c", "abc", "aXc", "a\\%c", "a\\c", "ac", "a%%c");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            insert(List.of(new MetricPoint(BASE.plusSeconds(i), name, i, Optional.of(name), Map.of("k", name))));
        }

        for (String name : names) {
            assertThat(store().queryMetrics(MetricQuery.of(name, TimeRange.all()))).as(name)
                    .extracting(MetricPoint::metricName).containsExactly(name);
            assertThat(store().queryMetrics(MetricQuery.of("abc", TimeRange.all()).withSymbol(name)))
                    .as("symbol " + name).hasSize(name.equals("abc") ? 1 : 0);
            assertThat(store().queryMetrics(MetricQuery.of(name, TimeRange.all()).withLabels(Map.of("k", name))))
                    .as("label " + name).hasSize(1);
            assertThat(store().latest(LatestQuery.of(name))).as("latest " + name).hasSize(1);
        }
    }

    @Test
    @DisplayName("empty label maps and maps of 200 labels read back exactly, and any one of the 200 filters")
    void emptyAndLargeLabelMaps() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            many.put("label_" + i, "value \"" + i + "\" ü " + "x".repeat(i % 17));
        }
        MetricPoint bare = MetricPoint.of(BASE, "lab", 1, "AAPL");
        MetricPoint rich = MetricPoint.of(BASE.plusSeconds(1), "lab", 2, "AAPL", many);
        insert(List.of(bare, rich));

        assertThat(store().queryMetrics(MetricQuery.of("lab", TimeRange.all()))).containsExactly(rich, bare);
        assertThat(store().queryMetrics(MetricQuery.of("lab", TimeRange.all())).get(1).labels()).isEmpty();
        assertThat(store().queryMetrics(MetricQuery.of("lab", TimeRange.all())
                .withLabels(Map.of("label_137", many.get("label_137"), "label_0", many.get("label_0")))))
                .containsExactly(rich);
        assertThat(store().latest(LatestQuery.of("lab"))).containsExactly(rich);
    }

    @Test
    @DisplayName("a missing symbol stays missing and an empty label value stays an empty string")
    void missingSymbolAndEmptyLabelValue() {
        MetricPoint noSymbol = new MetricPoint(BASE, "gauge", 1, Optional.empty(), Map.of("note", ""));
        insert(List.of(noSymbol));

        List<MetricPoint> read = store().queryMetrics(MetricQuery.of("gauge", TimeRange.all()));
        assertThat(read).containsExactly(noSymbol);
        assertThat(read.get(0).symbol()).isEmpty();
        assertThat(read.get(0).labels()).containsEntry("note", "");
        assertThat(store().queryMetrics(MetricQuery.of("gauge", TimeRange.all()).withLabels(Map.of("note", ""))))
                .containsExactly(noSymbol);
    }

    @Test
    @DisplayName("a symbol given as an empty string stays distinct from a missing symbol")
    void emptySymbolIsNotMissing() {
        MetricPoint none = new MetricPoint(BASE, "gauge", 1, Optional.empty(), Map.of());
        MetricPoint empty = new MetricPoint(BASE.plusSeconds(1), "gauge", 2, Optional.of(""), Map.of());
        insert(List.of(none, empty));

        assertThat(store().queryMetrics(MetricQuery.of("gauge", TimeRange.all()))).containsExactly(empty, none);
        assertThat(store().queryMetrics(MetricQuery.of("gauge", TimeRange.all()).withSymbol("")))
                .containsExactly(empty);
        assertThat(store().latest(LatestQuery.of("gauge"))).containsExactly(none, empty);
    }
}
