package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.tck.support.KitAssertions;
import io.tradingmetrics.storage.tck.support.KitAssertions.Precision;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Values at the edges of what doubles and timestamps can hold. */
public abstract class EdgeValuesContract extends StoreContract {

    protected EdgeValuesContract(StoreFixture fixture) {
        super(fixture);
    }

    private static final double[] SPECIAL_DOUBLES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
        0.1, 1.0 / 3.0, Math.PI, Math.nextUp(1.0), 1e-300, 9_007_199_254_740_994.0};

    private void givenOneSeriesPerSpecialDouble() {
        for (int i = 0; i < SPECIAL_DOUBLES.length; i++) {
            insert(List.of(MetricPoint.of(BASE.plusSeconds(i), "special", SPECIAL_DOUBLES[i], "S" + (char) ('A' + i))));
        }
    }

    @Test
    @DisplayName("NaN, both infinities, -0.0, subnormals and extremes read back bit for bit from range reads and streams")
    void specialDoubles() {
        givenOneSeriesPerSpecialDouble();

        List<MetricPoint> newestFirst = store().queryMetrics(MetricQuery.of("special", TimeRange.all()));
        List<MetricPoint> streamed;
        try (Stream<MetricPoint> stream = store().streamMetrics(TimeRange.all())) {
            streamed = stream.toList();
        }

        assertThat(newestFirst).hasSize(SPECIAL_DOUBLES.length);
        assertThat(streamed).hasSize(SPECIAL_DOUBLES.length);
        for (int i = 0; i < SPECIAL_DOUBLES.length; i++) {
            String what = "value " + SPECIAL_DOUBLES[i];
            KitAssertions.assertExactly(newestFirst.get(SPECIAL_DOUBLES.length - 1 - i).value(), SPECIAL_DOUBLES[i],
                    what + " from queryMetrics");
            KitAssertions.assertExactly(streamed.get(i).value(), SPECIAL_DOUBLES[i], what + " from streamMetrics");
        }
    }

    @Test
    @DisplayName("NaN, both infinities, -0.0, subnormals and extremes read back bit for bit as latest values")
    void specialDoublesAsLatest() {
        givenOneSeriesPerSpecialDouble();

        List<MetricPoint> latest = store().latest(LatestQuery.of("special"));

        assertThat(latest).hasSize(SPECIAL_DOUBLES.length);
        for (int i = 0; i < SPECIAL_DOUBLES.length; i++) {
            KitAssertions.assertExactly(latest.get(i).value(), SPECIAL_DOUBLES[i],
                    "value " + SPECIAL_DOUBLES[i] + " from latest");
        }
    }

    @Test
    @DisplayName("-0.0 keeps its sign bit: Double.doubleToRawLongBits reads back unchanged")
    void negativeZero() {
        insert(List.of(MetricPoint.of(BASE, "zero", -0.0, "AAPL")));
        upsertPerformance(List.of(PerformanceSnapshot.of(BASE, -0.0, -0.0, -0.0, -0.0, -0.0, 0)));

        assertThat(Double.doubleToRawLongBits(store().queryMetrics(MetricQuery.of("zero", TimeRange.all()))
                .get(0).value())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        PerformanceSnapshot snapshot = store().performanceHistory(TimeRange.all()).get(0);
        assertThat(Double.doubleToRawLongBits(snapshot.portfolioValue())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(snapshot.pnl())).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Aggregation.class, names = {"MIN", "MAX", "FIRST", "LAST"})
    @DisplayName("extremes and first/last of -0.0 and the infinities keep them exactly, in aggregations and candles")
    void specialDoublesInAggregations(Aggregation aggregation) {
        double[] values = {-0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0};
        for (int i = 0; i < values.length; i++) {
            // One value per hour, so each bucket and each candle holds just that value.
            insert(List.of(MetricPoint.of(BASE.plusSeconds(3_600L * i), "edge", values[i], "AAPL")));
        }
        insert(List.of(MetricPoint.of(BASE.plusSeconds(3_600L * 4), "edge", 1.0, "AAPL"),
                MetricPoint.of(BASE.plusSeconds(3_600L * 4 + 1), "edge", Double.POSITIVE_INFINITY, "AAPL"),
                MetricPoint.of(BASE.plusSeconds(3_600L * 4 + 2), "edge", Double.NEGATIVE_INFINITY, "AAPL"),
                MetricPoint.of(BASE.plusSeconds(3_600L * 4 + 3), "edge", -0.0, "AAPL")));
        AggregationQuery query = AggregationQuery.of("edge", TimeRange.all(), Interval.HOUR_1, aggregation);

        KitAssertions.assertBuckets(store().aggregate(query), model.aggregate(query), Precision.EXACT);
        MetricCandleQuery candles = MetricCandleQuery.of("edge", TimeRange.all(), Interval.HOUR_1);
        List<Candle> actual = store().candlesFromMetrics(candles);
        List<Candle> expected = model.candlesFromMetrics(candles);
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            KitAssertions.assertExactly(actual.get(i).open(), expected.get(i).open(), "open of candle " + i);
            KitAssertions.assertExactly(actual.get(i).high(), expected.get(i).high(), "high of candle " + i);
            KitAssertions.assertExactly(actual.get(i).low(), expected.get(i).low(), "low of candle " + i);
            KitAssertions.assertExactly(actual.get(i).close(), expected.get(i).close(), "close of candle " + i);
        }
    }

    @Test
    @DisplayName("candles and snapshots keep NaN, infinite and negative zero figures")
    void specialFiguresInCandlesAndSnapshots() {
        Candle candle = new Candle(BASE, "AAPL", Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NaN, Long.MAX_VALUE);
        PerformanceSnapshot snapshot = PerformanceSnapshot.of(BASE, Double.POSITIVE_INFINITY, Double.NaN,
                Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, Integer.MAX_VALUE);
        Candle negativeZeros = new Candle(BASE.plusSeconds(60), "AAPL", -0.0, -0.0, -0.0, -0.0, 0);
        upsertCandles(List.of(candle, negativeZeros));
        upsertPerformance(List.of(snapshot));

        // Candle equality compares doubles by Double.compare, which tells -0.0 from 0.0.
        assertThat(store().candles(CandleQuery.of(TimeRange.all()))).containsExactly(candle, negativeZeros);
        assertThat(store().performanceHistory(TimeRange.all())).containsExactly(snapshot);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1969-12-31T23:59:59.999999Z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000001Z",
        "1900-01-01T00:00:00Z", "1582-10-10T12:00:00Z", "0001-01-01T00:00:00Z", "2024-02-29T12:34:56.789012Z",
        "2038-01-19T03:14:08Z", "9999-12-31T23:59:59.999998Z"})
    @DisplayName("timestamps read back to the microsecond, before 1970 and near both ends of the supported range")
    void timestampRoundTrip(String iso) {
        Instant at = Instant.parse(iso);
        MetricPoint point = MetricPoint.of(at, "t", 1.5, "AAPL");
        Candle candle = new Candle(at, "AAPL", 1, 2, 0.5, 1.5, 10);
        PerformanceSnapshot snapshot = PerformanceSnapshot.of(at, 1, 2, 3, -0.4, 0.5, 6);
        insert(List.of(point));
        upsertCandles(List.of(candle));
        upsertPerformance(List.of(snapshot));
        TimeRange justThat = TimeRange.of(at, at.plus(1, ChronoUnit.MICROS));

        assertThat(store().queryMetrics(MetricQuery.of("t", justThat))).containsExactly(point);
        assertThat(store().latest(LatestQuery.of("t"))).containsExactly(point);
        assertThat(store().candles(CandleQuery.of(justThat))).containsExactly(candle);
        assertThat(store().performanceHistory(justThat)).containsExactly(snapshot);
        try (Stream<MetricPoint> stream = store().streamMetrics(justThat)) {
            assertThat(stream.toList()).containsExactly(point);
        }
    }

    @Test
    @DisplayName("nanosecond timestamps are truncated to the microsecond, towards the past, also before 1970")
    void nanosecondsTruncated() {
        Instant modern = Instant.parse("2024-03-04T10:00:00.123456789Z");
        Instant old = Instant.parse("1969-12-31T23:59:59.999999999Z");
        insert(List.of(MetricPoint.of(modern, "n", 1), MetricPoint.of(old, "n", 2)));

        assertThat(store().queryMetrics(MetricQuery.of("n", TimeRange.all()))).extracting(MetricPoint::timestamp)
                .containsExactly(Instant.parse("2024-03-04T10:00:00.123456Z"),
                        Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(store().queryMetrics(MetricQuery.of("n", TimeRange.of(Instant.parse("2024-03-04T10:00:00.123456Z"),
                Instant.parse("2024-03-04T10:00:00.123457Z"))))).hasSize(1);
    }

    @Test
    @DisplayName("range reads around the epoch keep their half-open bounds")
    void rangeAcrossEpoch() {
        for (int i = -5; i < 5; i++) {
            insert(List.of(MetricPoint.of(Instant.EPOCH.plus(i, ChronoUnit.MICROS), "e", i)));
        }
        TimeRange range = TimeRange.of(Instant.EPOCH.minus(3, ChronoUnit.MICROS), Instant.EPOCH.plus(2, ChronoUnit.MICROS));

        assertThat(store().queryMetrics(MetricQuery.of("e", range))).extracting(MetricPoint::value)
                .containsExactly(1.0, 0.0, -1.0, -2.0, -3.0);
        assertThat(store().queryMetrics(MetricQuery.of("e", range))).containsExactlyElementsOf(
                model.queryMetrics(MetricQuery.of("e", range)));
    }
}
