package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.tck.support.KitAssertions;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.GapFill;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What aggregations return for the empty buckets of the requested range, in each {@link GapFill} mode. */
public abstract class GapFillContract extends StoreContract {
    private static final TimeRange TWELVE_HOURS = TimeRange.of(BASE, BASE.plus(Duration.ofHours(12)));

    protected GapFillContract(StoreFixture fixture) {
        super(fixture);
    }

    /** AAPL in hours 1, 2, 5 and 9; MSFT in hours 0 and 6; points without symbol in hour 3; nothing in 10 and 11. */
    private void givenSeriesWithGaps() {
        List<MetricPoint> points = new ArrayList<>();
        addHour(points, 1, "AAPL", 10, 12);
        addHour(points, 2, "AAPL", 14);
        addHour(points, 5, "AAPL", 20, 21, 25);
        addHour(points, 9, "AAPL", 8);
        addHour(points, 0, "MSFT", 300, 310);
        addHour(points, 6, "MSFT", 290);
        addHour(points, 3, null, 1, 2, 3);
        insert(data.shuffled(points));
    }

    private static void addHour(List<MetricPoint> points, int hour, String symbol, double... values) {
        for (int i = 0; i < values.length; i++) {
            Instant at = BASE.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(7L * i + 3));
            points.add(new MetricPoint(at, "quote", values[i], Optional.ofNullable(symbol), Map.of()));
        }
    }

    private List<AggregatedBucket> aggregate(AggregationQuery query) {
        List<AggregatedBucket> actual = store().aggregate(query);
        KitAssertions.assertBuckets(actual, model.aggregate(query), query.aggregation());
        return actual;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(GapFill.class)
    @DisplayName("every gap fill mode gives the reference buckets for one series over all points")
    void everyModeUngrouped(GapFill mode) {
        givenSeriesWithGaps();
        aggregate(AggregationQuery.of("quote", TWELVE_HOURS, Interval.HOUR_1, Aggregation.AVG).withGapFill(mode));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(GapFill.class)
    @DisplayName("grouped by symbol, every gap fill mode fills each series on its own")
    void everyModeGroupedBySymbol(GapFill mode) {
        givenSeriesWithGaps();
        aggregate(AggregationQuery.of("quote", TWELVE_HOURS, Interval.HOUR_1, Aggregation.MAX).groupedBySymbol()
                .withGapFill(mode));
    }

    @Test
    @DisplayName("NONE leaves empty buckets out")
    void noneLeavesGapsOut() {
        givenSeriesWithGaps();
        List<AggregatedBucket> buckets = aggregate(AggregationQuery.of("quote", TWELVE_HOURS, Interval.HOUR_1,
                Aggregation.SUM).withSymbol("AAPL"));

        assertThat(buckets).hasSize(4).allMatch(b -> b.sampleCount() > 0 && b.value().isPresent());
    }

    @Test
    @DisplayName("NULL returns every bucket of the range; empty ones have no value and a sample count of zero")
    void nullReturnsEveryBucket() {
        givenSeriesWithGaps();
        List<AggregatedBucket> buckets = aggregate(AggregationQuery.of("quote", TWELVE_HOURS, Interval.HOUR_1,
                Aggregation.COUNT).withSymbol("AAPL").withGapFill(GapFill.NULL));

        assertThat(buckets).extracting(AggregatedBucket::bucketStart).containsExactlyElementsOf(hourStarts(12));
        assertThat(buckets).filteredOn(b -> b.sampleCount() == 0).hasSize(8).allMatch(b -> b.value().isEmpty());
    }

    @Test
    @DisplayName("PREVIOUS carries the nearest earlier value into empty buckets, and nothing before the first")
    void previousCarriesForward() {
        givenSeriesWithGaps();
        List<AggregatedBucket> buckets = aggregate(AggregationQuery.of("quote", TWELVE_HOURS, Interval.HOUR_1,
                Aggregation.LAST).withSymbol("AAPL").withGapFill(GapFill.PREVIOUS));

        assertThat(buckets).hasSize(12);
        assertThat(buckets.get(0).value()).as("before the first valued bucket").isEmpty();
        for (int i = 1; i < buckets.size(); i++) {
            if (buckets.get(i).sampleCount() == 0) {
                assertThat(buckets.get(i).value()).as("hour " + i).isEqualTo(buckets.get(i - 1).value());
            }
        }
    }

    @Test
    @DisplayName("LINEAR puts empty buckets on the straight line between their valued neighbours, none at the edges")
    void linearInterpolates() {
        givenSeriesWithGaps();
        List<AggregatedBucket> buckets = aggregate(AggregationQuery.of("quote", TWELVE_HOURS, Interval.HOUR_1,
                Aggregation.MIN).withSymbol("AAPL").withGapFill(GapFill.LINEAR));

        assertThat(buckets).hasSize(12);
        assertThat(buckets.get(0).value()).as("leading edge").isEmpty();
        assertThat(buckets.get(10).value()).as("trailing edge").isEmpty();
        assertThat(buckets.get(11).value()).as("trailing edge").isEmpty();
        // Hours 5 (min 20) and 9 (min 8): hour 7 lies half-way.
        double half = (buckets.get(5).value().getAsDouble() + buckets.get(9).value().getAsDouble()) / 2;
        KitAssertions.assertClose(buckets.get(7).value().getAsDouble(), half, half, "hour 7");
    }

    @Test
    @DisplayName("LINEAR over months interpolates by time, so months of different lengths weigh by their length")
    void linearOverMonths() {
        insert(List.of(MetricPoint.of(Instant.parse("2024-01-10T00:00:00Z"), "nav", 100, "AAPL"),
                MetricPoint.of(Instant.parse("2024-05-20T00:00:00Z"), "nav", 221, "AAPL")));
        TimeRange halfYear = TimeRange.of(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-07-01T00:00:00Z"));

        List<AggregatedBucket> buckets = aggregate(AggregationQuery.of("nav", halfYear, Interval.MONTH_1,
                Aggregation.AVG).withGapFill(GapFill.LINEAR));

        assertThat(buckets).hasSize(6);
        assertThat(buckets.get(5).value()).as("June, after the last value").isEmpty();
    }

    @Test
    @DisplayName("a range starting inside a bucket returns that bucket with only the range's points counted")
    void partialFirstBucket() {
        insert(List.of(MetricPoint.of(BASE.plus(Duration.ofMinutes(10)), "q", 1.0),
                MetricPoint.of(BASE.plus(Duration.ofMinutes(40)), "q", 2.0),
                MetricPoint.of(BASE.plus(Duration.ofMinutes(190)), "q", 4.0)));
        TimeRange range = TimeRange.of(BASE.plus(Duration.ofMinutes(30)), BASE.plus(Duration.ofHours(4)));

        for (GapFill mode : GapFill.values()) {
            List<AggregatedBucket> buckets = aggregate(AggregationQuery.of("q", range, Interval.HOUR_1,
                    Aggregation.SUM).withGapFill(mode));
            assertThat(buckets.get(0).bucketStart()).as(mode.name()).isEqualTo(BASE);
            assertThat(buckets.get(0).sampleCount()).as(mode.name()).isEqualTo(1);
        }
    }

    private static List<Instant> hourStarts(int hours) {
        List<Instant> starts = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            starts.add(BASE.plus(Duration.ofHours(h)));
        }
        return starts;
    }
}
