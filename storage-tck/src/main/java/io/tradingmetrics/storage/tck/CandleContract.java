package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored candles, their roll-ups, and candles built from metric points. */
public abstract class CandleContract extends StoreContract {

    protected CandleContract(StoreFixture fixture) {
        super(fixture);
    }

    /** Two days of one-minute candles for every symbol, written in an order unrelated to time. */
    private void givenMinuteCandles() {
        upsertCandles(data.shuffled(data.candles(2 * 24 * 60, BASE, Duration.ofMinutes(1))));
    }

    @Test
    @DisplayName("stored candles of a range come back ordered by time then symbol, the range half-open")
    void storedRange() {
        givenMinuteCandles();
        TimeRange range = TimeRange.of(BASE.plus(Duration.ofMinutes(90)), BASE.plus(Duration.ofMinutes(130)));

        List<Candle> candles = store().candles(CandleQuery.of(range));

        assertThat(candles).hasSize(40 * 4).containsExactlyElementsOf(model.candles(CandleQuery.of(range)));
        assertThat(candles.get(0).timestamp()).isEqualTo(range.from());
        assertThat(candles.get(candles.size() - 1).timestamp()).isEqualTo(range.to().minus(Duration.ofMinutes(1)));
    }

    @Test
    @DisplayName("a symbol filter returns that symbol's candles only")
    void symbolFilter() {
        givenMinuteCandles();
        CandleQuery query = CandleQuery.of(TimeRange.of(BASE, BASE.plus(Duration.ofHours(3))), "ETHUSD");

        assertThat(store().candles(query)).hasSize(180).containsExactlyElementsOf(model.candles(query));
    }

    @ParameterizedTest(name = "to {0}")
    @EnumSource(value = Interval.class, names = {"MINUTE_1", "MINUTE_15", "HOUR_1", "HOUR_4", "DAY_1", "WEEK_1", "MONTH_1"})
    @DisplayName("a roll-up opens with the first candle by time, closes with the last, keeps the extremes, sums volume")
    void rollUp(Interval interval) {
        givenMinuteCandles();
        CandleQuery query = CandleQuery.of(TimeRange.all());

        assertThat(store().rollUpCandles(query, interval))
                .containsExactlyElementsOf(model.rollUpCandles(query, interval));
    }

    @Test
    @DisplayName("a roll-up takes only the candles of the range and symbol asked for")
    void rollUpOfRangeAndSymbol() {
        givenMinuteCandles();
        // Cuts hours in the middle: the cut buckets roll up only the candles inside the range.
        CandleQuery query = CandleQuery.of(TimeRange.of(BASE.plus(Duration.ofMinutes(75)),
                BASE.plus(Duration.ofMinutes(1_000))), "MSFT");

        List<Candle> hourly = store().rollUpCandles(query, Interval.HOUR_1);

        assertThat(hourly).containsExactlyElementsOf(model.rollUpCandles(query, Interval.HOUR_1));
        assertThat(hourly.get(0).timestamp()).isEqualTo(BASE.plus(Duration.ofHours(1)));
    }

    @Test
    @DisplayName("a roll-up of candles written newest first still opens with the earliest and closes with the latest")
    void rollUpIgnoresWriteOrder() {
        List<Candle> candles = new ArrayList<>();
        for (int i = 59; i >= 0; i--) {
            candles.add(new Candle(BASE.plus(Duration.ofMinutes(i)), "AAPL", 100 + i, 101 + i, 99 + i, 100.5 + i, i));
        }
        for (Candle candle : candles) {
            store().upsertCandle(candle);
        }
        model.upsertCandles(candles);

        List<Candle> hourly = store().rollUpCandles(CandleQuery.of(TimeRange.all()), Interval.HOUR_1);

        assertThat(hourly).containsExactlyElementsOf(model.rollUpCandles(CandleQuery.of(TimeRange.all()),
                Interval.HOUR_1));
        assertThat(hourly).singleElement().satisfies(c -> {
            assertThat(c.open()).isEqualTo(100.0);
            assertThat(c.close()).isEqualTo(159.5);
        });
    }

    /** Ticks of two symbols plus ticks without symbol (which candles leave out), every few seconds for two hours. */
    private void givenPriceTicks() {
        List<MetricPoint> points = new ArrayList<>();
        var random = data.random();
        for (int second = 0; second < 2 * 3600; second += 1 + random.nextInt(20)) {
            Instant at = BASE.plusSeconds(second).plusNanos(random.nextInt(1_000_000) * 1_000L);
            String symbol = random.nextInt(3) == 0 ? null : random.nextBoolean() ? "AAPL" : "BTCUSD";
            points.add(new MetricPoint(at, "price", Math.round(random.nextDouble(90, 110) * 100) / 100.0,
                    Optional.ofNullable(symbol), Map.of()));
            if (symbol != null && random.nextInt(4) != 0) {
                // Volumes in eighths: their sums are exact, so rounding the sum is decided, not approximated.
                points.add(MetricPoint.of(at.plusNanos(1_000), "volume", random.nextInt(1, 400) / 8.0, symbol));
            }
        }
        insert(data.shuffled(points));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Interval.class, names = {"MINUTE_1", "MINUTE_5", "HOUR_1"})
    @DisplayName("candles from price points without a volume metric count the price points as volume")
    void candlesFromPricesAlone(Interval interval) {
        givenPriceTicks();
        MetricCandleQuery query = MetricCandleQuery.of("price", TimeRange.all(), interval);

        List<Candle> candles = store().candlesFromMetrics(query);

        assertThat(candles).isNotEmpty().containsExactlyElementsOf(model.candlesFromMetrics(query));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Interval.class, names = {"MINUTE_1", "MINUTE_15", "HOUR_1"})
    @DisplayName("candles from price and volume points sum the volume, rounded half away from zero")
    void candlesFromPricesAndVolumes(Interval interval) {
        givenPriceTicks();
        MetricCandleQuery query = MetricCandleQuery.of("price", TimeRange.all(), interval).withVolumeMetric("volume");

        assertThat(store().candlesFromMetrics(query)).isNotEmpty()
                .containsExactlyElementsOf(model.candlesFromMetrics(query));
    }

    @Test
    @DisplayName("candles from metrics honour the symbol filter and the half-open range")
    void candlesFromMetricsFiltered() {
        givenPriceTicks();
        MetricCandleQuery query = MetricCandleQuery.of("price", TimeRange.of(BASE.plus(Duration.ofMinutes(17)),
                BASE.plus(Duration.ofMinutes(83))), Interval.MINUTE_15).withVolumeMetric("volume").withSymbol("AAPL");

        assertThat(store().candlesFromMetrics(query)).isNotEmpty()
                .containsExactlyElementsOf(model.candlesFromMetrics(query))
                .allMatch(c -> c.symbol().equals("AAPL"));
    }

    @Test
    @DisplayName("volume sums ending in exactly one half round away from zero; buckets without volume points get 0")
    void volumeRounding() {
        Instant minute = BASE;
        insert(List.of(
                MetricPoint.of(minute, "price", 10, "AAPL"),
                MetricPoint.of(minute.plusSeconds(1), "volume", 1.25, "AAPL"),
                MetricPoint.of(minute.plusSeconds(2), "volume", 1.25, "AAPL"),
                MetricPoint.of(minute.plusSeconds(60), "price", 11, "AAPL"),
                MetricPoint.of(minute.plusSeconds(61), "volume", 3.5, "AAPL"),
                MetricPoint.of(minute.plusSeconds(120), "price", 12, "AAPL"),
                MetricPoint.of(minute.plusSeconds(121), "volume", 0.49, "AAPL"),
                MetricPoint.of(minute.plusSeconds(180), "price", 13, "AAPL")));
        MetricCandleQuery query = MetricCandleQuery.of("price", TimeRange.all(), Interval.MINUTE_1)
                .withVolumeMetric("volume");

        List<Candle> candles = store().candlesFromMetrics(query);

        assertThat(candles).containsExactlyElementsOf(model.candlesFromMetrics(query));
        assertThat(candles).extracting(Candle::volume).containsExactly(3L, 4L, 0L, 0L);
    }
}
