package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.StoreLimits;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.tradingmetrics.storage.api.StoreLimits.MAX_LABELS;
import static io.tradingmetrics.storage.api.StoreLimits.MAX_LABEL_KEY_BYTES;
import static io.tradingmetrics.storage.api.StoreLimits.MAX_LABEL_VALUE_BYTES;
import static io.tradingmetrics.storage.api.StoreLimits.MAX_METRIC_NAME_BYTES;
import static io.tradingmetrics.storage.api.StoreLimits.MAX_POINT_TEXT_BYTES;
import static io.tradingmetrics.storage.api.StoreLimits.MAX_SYMBOL_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link StoreLimits}: every store takes texts exactly at each limit and reads them back through every read, and the
 * bucket cap bounds time-bucketed reads. The texts are random characters of one to four UTF-8 bytes, so that no engine
 * can compress them below its index row limit. The store runs with its default {@code max-buckets} (a million).
 */
public abstract class LimitsContract extends StoreContract {
    private final SplittableRandom random = new SplittableRandom(2_704);

    protected LimitsContract(StoreFixture fixture) {
        super(fixture);
    }

    @Test
    @DisplayName("a name, symbol, label key and value at their byte limits are stored and read back by every read")
    void textsAtTheLimits() {
        String name = text(MAX_METRIC_NAME_BYTES);
        String symbol = text(MAX_SYMBOL_BYTES);
        String key = text(MAX_LABEL_KEY_BYTES);
        String value = text(MAX_LABEL_VALUE_BYTES);
        MetricPoint point = MetricPoint.of(BASE, name, 1.5, symbol, Map.of(key, value));
        // A second series whose name and symbol differ only in their last character, so that no prefix decides.
        String otherName = name.substring(0, name.length() - 1) + "!";
        MetricPoint other = MetricPoint.of(BASE.plusSeconds(1), otherName, 2.5, symbol, Map.of(key, value));
        insert(List.of(point, other));

        MetricQuery query = MetricQuery.of(name, TimeRange.all()).withSymbol(symbol).withLabels(Map.of(key, value));
        assertThat(store().queryMetrics(query)).containsExactly(point);
        // The order of names is the latest contract's concern; here only that both come back whole.
        assertThat(store().latest(LatestQuery.of(name, otherName).withSymbol(symbol)))
                .containsExactlyInAnyOrder(point, other);
        try (Stream<MetricPoint> stream = store().streamMetrics(TimeRange.all())) {
            assertThat(stream.toList()).containsExactly(point, other);
        }
        assertThat(store().aggregate(AggregationQuery.of(name, TimeRange.all(), Interval.HOUR_1, Aggregation.SUM)
                .withSymbol(symbol).withLabels(Map.of(key, value)).groupedBySymbol()))
                .containsExactly(new AggregatedBucket(BASE, Optional.of(symbol), OptionalDouble.of(1.5), 1));

        Candle candle = new Candle(BASE, symbol, 1, 2, 0.5, 1.5, 7);
        upsertCandles(List.of(candle, new Candle(BASE, text(MAX_SYMBOL_BYTES), 1, 1, 1, 1, 1)));
        assertThat(store().candles(CandleQuery.of(TimeRange.all(), symbol))).containsExactly(candle);
        try (Stream<Candle> stream = store().streamCandles(TimeRange.all())) {
            assertThat(stream.toList()).containsExactlyInAnyOrderElementsOf(model.candles(CandleQuery.of(TimeRange.all())));
        }
    }

    @Test
    @DisplayName("a point with the most labels and the most text per point is stored and read back whole")
    void mostLabelsAndMostText() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < MAX_LABELS; i++) {
            many.put("k" + i, "v");
        }
        MetricPoint manyLabels = MetricPoint.of(BASE, "labels", 1, "AAPL", many);
        // Name, symbol and labels that add up to exactly the limit of text per point.
        Map<String, String> large = new HashMap<>();
        int used = MAX_METRIC_NAME_BYTES + MAX_SYMBOL_BYTES;
        for (int i = 0; used + MAX_LABEL_KEY_BYTES + MAX_LABEL_VALUE_BYTES <= MAX_POINT_TEXT_BYTES; i++) {
            large.put(text(MAX_LABEL_KEY_BYTES - 3) + String.format(Locale.ROOT, "%03d", i), text(MAX_LABEL_VALUE_BYTES));
            used += MAX_LABEL_KEY_BYTES + MAX_LABEL_VALUE_BYTES;
        }
        large.put("last", text(MAX_POINT_TEXT_BYTES - used - 4));
        MetricPoint mostText = MetricPoint.of(BASE.plusSeconds(1), text(MAX_METRIC_NAME_BYTES), 2,
                text(MAX_SYMBOL_BYTES), large);
        insert(List.of(manyLabels, mostText));

        assertThat(store().queryMetrics(MetricQuery.of("labels", TimeRange.all()).withLabels(Map.of("k255", "v"))))
                .containsExactly(manyLabels);
        assertThat(store().latest(LatestQuery.all())).containsExactlyInAnyOrder(manyLabels, mostText);
        try (Stream<MetricPoint> stream = store().streamMetrics(TimeRange.all())) {
            assertThat(stream.toList()).containsExactly(manyLabels, mostText);
        }
    }

    @Test
    @DisplayName("one byte over a limit is refused with the field, its size and the limit, and nothing is stored")
    void overTheLimits() {
        String over = "x".repeat(MAX_METRIC_NAME_BYTES + 1);
        assertThatThrownBy(() -> store().insertMetric(MetricPoint.of(BASE, over, 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("metric name '" + "x".repeat(40) + "...' takes 1,025 bytes in UTF-8, over the limit of"
                        + " 1,024 bytes; shorten it");
        assertThatThrownBy(() -> store().insertMetric(MetricPoint.of(BASE, "m", 1, "\u00e9".repeat(513))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbol").hasMessageContaining("takes 1,026 bytes in UTF-8, over the limit of 1,024");
        assertThatThrownBy(() -> store().insertMetric(MetricPoint.of(BASE, "m", 1, "S",
                Map.of("venue", "v".repeat(MAX_LABEL_VALUE_BYTES + 1)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("label 'venue' value").hasMessageContaining("4,097 bytes")
                .hasMessageContaining("limit of 4,096 bytes");
        assertThatThrownBy(() -> store().upsertCandle(new Candle(BASE, "s".repeat(MAX_SYMBOL_BYTES + 1), 1, 1, 1, 1, 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("candle symbol")
                .hasMessageContaining("1,025 bytes");
        assertThat(store().count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();
        assertThat(store().count(StoreTable.CANDLES, TimeRange.all())).isZero();
    }

    @Test
    @DisplayName("unpaired surrogates are refused rather than stored as '?', so two texts never become one series")
    void unpairedSurrogates() {
        assertThatThrownBy(() -> store().insertMetric(MetricPoint.of(BASE, "bad\uD800name", 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("metric name 'bad\\uD800name' contains an unpaired UTF-16 surrogate");
        assertThatThrownBy(() -> store().insertMetric(MetricPoint.of(BASE, "m", 1, "BTC\uDC00")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unpaired UTF-16 surrogate");
        assertThatThrownBy(() -> store().insertMetric(MetricPoint.of(BASE, "m", 1, "S", Map.of("k\uD83D", "v"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("label key");
        assertThatThrownBy(() -> store().insertMetric(MetricPoint.of(BASE, "m", 1, "S", Map.of("k", "\uDE00"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("label 'k' value");
        insert(List.of(MetricPoint.of(BASE, "bad?name", 1)));
        assertThat(store().count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
        assertThat(store().queryMetrics(MetricQuery.of("bad?name", TimeRange.all()))).hasSize(1);
    }

    @Test
    @DisplayName("a gap-filled aggregation over more buckets than the cap is refused with the count before it runs")
    void gapFillOverTheCap() {
        insert(List.of(MetricPoint.of(BASE.plusSeconds(30), "price", 1, "AAPL")));
        TimeRange twelveDays = TimeRange.of(BASE, BASE.plus(Duration.ofDays(12)));

        assertThatThrownBy(() -> store().aggregate(AggregationQuery.of("price", twelveDays, Interval.SECOND_1,
                Aggregation.AVG).withGapFill(GapFill.NULL)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the aggregation of metric 'price' with gap filling by 1s would return"
                        + " 1,036,800 buckets (1 series of 1,036,800 buckets from " + BASE + " to "
                        + twelveDays.to() + "), over the cap of 1,000,000 (")
                .hasMessageEndingWith("max-buckets); give a coarser interval or a shorter range");
        // Without gap filling only the buckets with points come back.
        assertThat(store().aggregate(AggregationQuery.of("price", twelveDays, Interval.SECOND_1, Aggregation.AVG)))
                .containsExactly(new AggregatedBucket(BASE.plusSeconds(30), Optional.empty(), OptionalDouble.of(1), 1));
    }

    @Test
    @DisplayName("gap filling a series per symbol counts every series' buckets against the cap")
    void gapFillOfManySeriesOverTheCap() {
        insert(List.of(MetricPoint.of(BASE, "price", 1, "AAPL"), MetricPoint.of(BASE, "price", 2, "MSFT")));
        TimeRange sixDays = TimeRange.of(BASE, BASE.plus(Duration.ofDays(6)));

        assertThatThrownBy(() -> store().aggregate(AggregationQuery.of("price", sixDays, Interval.SECOND_1,
                Aggregation.AVG).groupedBySymbol().withGapFill(GapFill.PREVIOUS)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("would return 1,036,800 buckets (2 series of 518,400 buckets");
    }

    @Test
    @DisplayName("gap filling over all time runs from the first matching point to the last, not over ten millennia")
    void gapFillOverAllTime() {
        insert(List.of(MetricPoint.of(BASE.plusSeconds(90), "price", 4, "AAPL")));

        assertThat(store().aggregate(AggregationQuery.of("price", TimeRange.all(), Interval.MINUTE_1, Aggregation.AVG)
                .withGapFill(GapFill.PREVIOUS)))
                .containsExactly(new AggregatedBucket(BASE.plusSeconds(60), Optional.empty(), OptionalDouble.of(4), 1));

        insert(List.of(MetricPoint.of(BASE.plus(Duration.ofMinutes(4)), "price", 8, "AAPL")));
        assertThat(store().aggregate(AggregationQuery.of("price", TimeRange.of(BASE, TimeRange.all().to()),
                Interval.MINUTE_1, Aggregation.AVG).withGapFill(GapFill.PREVIOUS)))
                .extracting(AggregatedBucket::value).containsExactly(OptionalDouble.empty(), OptionalDouble.of(4),
                        OptionalDouble.of(4), OptionalDouble.of(4), OptionalDouble.of(8));
        assertThat(store().aggregate(AggregationQuery.of("nothing", TimeRange.all(), Interval.SECOND_1, Aggregation.AVG)
                .withGapFill(GapFill.NULL))).isEmpty();
    }

    @Test
    @DisplayName("candles are rolled up only to 1m or coarser: a finer interval is refused with the way out")
    void rollUpToAFinerInterval() {
        upsertCandles(List.of(new Candle(BASE, "AAPL", 1, 2, 0.5, 1.5, 7)));

        assertThatThrownBy(() -> store().rollUpCandles(CandleQuery.of(TimeRange.all()), Interval.SECOND_1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("candles cannot be rolled up to 1s: stored candles are 1m candles or coarser, and a roll-up"
                        + " only makes candles coarser; give 1m or a coarser interval, or build 1s candles from price"
                        + " points");
        assertThat(store().rollUpCandles(CandleQuery.of(TimeRange.all()), Interval.MINUTE_1)).hasSize(1);
    }

    /** @return random characters of one to four UTF-8 bytes that take exactly {@code bytes} bytes */
    private String text(int bytes) {
        StringBuilder text = new StringBuilder();
        int left = bytes;
        while (left > 0) {
            int width = 1 + random.nextInt(Math.min(4, left));
            switch (width) {
                case 1 -> text.append((char) ('a' + random.nextInt(26)));
                case 2 -> text.append((char) (0x00C0 + random.nextInt(0x0100)));
                case 3 -> text.append((char) (0x4E00 + random.nextInt(0x5000)));
                default -> text.appendCodePoint(0x1F300 + random.nextInt(0x0200));
            }
            left -= width;
        }
        return text.toString();
    }
}
