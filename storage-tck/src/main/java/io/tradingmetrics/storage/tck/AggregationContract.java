package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.tck.support.KitAssertions;
import io.tradingmetrics.storage.tck.support.KitAssertions.Precision;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Time-bucketed aggregations: every aggregation, grouping by symbol, filters and range bounds. */
public abstract class AggregationContract extends StoreContract {

    protected AggregationContract(StoreFixture fixture) {
        super(fixture);
    }

    private void givenADayOfMarketData() {
        insert(data.shuffled(data.points(3_000, BASE, Duration.ofDays(1))));
    }

    private void assertMatchesModel(AggregationQuery query) {
        List<AggregatedBucket> actual = store().aggregate(query);
        assertThat(actual).as("buckets of " + query).isNotEmpty();
        KitAssertions.assertBuckets(actual, model.aggregate(query), query.aggregation());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Aggregation.class)
    @DisplayName("every aggregation gives the reference value and sample count per hourly bucket")
    void everyAggregation(Aggregation aggregation) {
        givenADayOfMarketData();
        assertMatchesModel(AggregationQuery.of("price", TimeRange.all(), Interval.HOUR_1, aggregation));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Aggregation.class)
    @DisplayName("grouped by symbol, every aggregation gives one series per symbol, points without symbol first")
    void everyAggregationGroupedBySymbol(Aggregation aggregation) {
        givenADayOfMarketData();
        AggregationQuery query = AggregationQuery.of("latency", TimeRange.all(), Interval.HOUR_4, aggregation)
                .groupedBySymbol();

        assertMatchesModel(query);
        assertThat(store().aggregate(query)).extracting(AggregatedBucket::symbol)
                .as("the series without symbol comes first").first().isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("ungrouped, points with and without symbol fall into one series that carries no symbol")
    void ungroupedSeriesHasNoSymbol() {
        givenADayOfMarketData();
        List<AggregatedBucket> buckets = store().aggregate(
                AggregationQuery.of("price", TimeRange.all(), Interval.DAY_1, Aggregation.COUNT));

        assertThat(buckets).isNotEmpty().allMatch(b -> b.symbol().isEmpty());
        assertThat(buckets.stream().mapToLong(AggregatedBucket::sampleCount).sum())
                .isEqualTo(model.points().stream().filter(p -> p.metricName().equals("price")).count());
    }

    @Test
    @DisplayName("sums of exactly representable values are exact, whatever order the engine adds them in")
    void exactSums() {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            points.add(MetricPoint.of(BASE.plusSeconds(i * 7L), "pnl", data.exactValue(),
                    i % 3 == 0 ? "AAPL" : "MSFT"));
        }
        insert(data.shuffled(points));
        AggregationQuery query = AggregationQuery.of("pnl", TimeRange.all(), Interval.HOUR_1, Aggregation.SUM)
                .groupedBySymbol();

        KitAssertions.assertBuckets(store().aggregate(query), model.aggregate(query), Precision.EXACT);
    }

    @Test
    @DisplayName("first and last follow the timestamps, not the order the points were written in")
    void firstAndLastByTime() {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            points.add(MetricPoint.of(BASE.plusSeconds(i * 30L), "mid", 1_000 - i * 3.5, "ETHUSD"));
        }
        Collections.reverse(points);
        insert(points);

        for (Aggregation aggregation : List.of(Aggregation.FIRST, Aggregation.LAST)) {
            assertMatchesModel(AggregationQuery.of("mid", TimeRange.all(), Interval.MINUTE_5, aggregation));
        }
    }

    @Test
    @DisplayName("the deviation of a bucket with one point has no value but counts the point")
    void stddevOfOnePoint() {
        insert(List.of(MetricPoint.of(BASE, "fill", 5.0, "AAPL"),
                MetricPoint.of(BASE.plusSeconds(3_600), "fill", 6.0, "AAPL"),
                MetricPoint.of(BASE.plusSeconds(3_660), "fill", 9.0, "AAPL")));

        List<AggregatedBucket> buckets = store().aggregate(
                AggregationQuery.of("fill", TimeRange.all(), Interval.HOUR_1, Aggregation.STDDEV));

        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0).value()).as("one point").isEmpty();
        assertThat(buckets.get(0).sampleCount()).isEqualTo(1);
        KitAssertions.assertBuckets(buckets, model.aggregate(
                AggregationQuery.of("fill", TimeRange.all(), Interval.HOUR_1, Aggregation.STDDEV)), Precision.TOLERANT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Aggregation.class, names = {"AVG", "COUNT", "LAST", "P95"})
    @DisplayName("a symbol filter aggregates that symbol's points only, grouped or not")
    void symbolFilter(Aggregation aggregation) {
        givenADayOfMarketData();
        AggregationQuery query = AggregationQuery.of("price", TimeRange.all(), Interval.HOUR_1, aggregation)
                .withSymbol("ETHUSD");

        assertMatchesModel(query);
        assertMatchesModel(query.groupedBySymbol());
        assertThat(store().aggregate(query.groupedBySymbol())).allMatch(b -> b.symbol().equals(Optional.of("ETHUSD")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Aggregation.class, names = {"SUM", "MAX", "FIRST", "STDDEV"})
    @DisplayName("label filters, one or several, restrict the points aggregated")
    void labelFilters(Aggregation aggregation) {
        givenADayOfMarketData();
        AggregationQuery query = AggregationQuery.of("spread", TimeRange.all(), Interval.HOUR_1, aggregation);

        assertMatchesModel(query.withLabels(Map.of("venue", "binance")));
        assertMatchesModel(query.withLabels(Map.of("venue", "nyse", "strategy", "meanrevert")).groupedBySymbol());
        assertThat(store().aggregate(query.withLabels(Map.of("venue", "mars")))).isEmpty();
    }

    @Test
    @DisplayName("only points inside the half-open range are aggregated, even in a bucket the range cuts")
    void rangeBounds() {
        givenADayOfMarketData();
        // Starts and ends in the middle of buckets: the partial buckets hold only the range's points.
        TimeRange range = TimeRange.of(BASE.plus(Duration.ofMinutes(150)), BASE.plus(Duration.ofMinutes(1_170)));
        for (Aggregation aggregation : List.of(Aggregation.COUNT, Aggregation.MIN, Aggregation.FIRST)) {
            assertMatchesModel(AggregationQuery.of("price", range, Interval.HOUR_1, aggregation));
        }

        Instant to = BASE.plusSeconds(3_600);
        insert(List.of(MetricPoint.of(to, "edge", 1.0), MetricPoint.of(to.minusNanos(1_000), "edge", 2.0)));
        List<AggregatedBucket> cut = store().aggregate(
                AggregationQuery.of("edge", TimeRange.of(BASE, to), Interval.HOUR_1, Aggregation.SUM));
        KitAssertions.assertBuckets(cut, model.aggregate(
                AggregationQuery.of("edge", TimeRange.of(BASE, to), Interval.HOUR_1, Aggregation.SUM)), Precision.EXACT);
        assertThat(cut).singleElement().extracting(AggregatedBucket::sampleCount).isEqualTo(1L);
    }

    @Test
    @DisplayName("a metric without points in the range aggregates to no buckets")
    void noPointsNoBuckets() {
        givenADayOfMarketData();
        assertThat(store().aggregate(AggregationQuery.of("unknown", TimeRange.all(), Interval.HOUR_1,
                Aggregation.AVG))).isEmpty();
        assertThat(store().aggregate(AggregationQuery.of("price", TimeRange.of(BASE.minusSeconds(3_600), BASE),
                Interval.MINUTE_1, Aggregation.COUNT))).isEmpty();
    }
}
