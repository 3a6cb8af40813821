package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class GapFillerTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final TimeRange FOUR_MINUTES = TimeRange.of(T0, T0.plusSeconds(240));

    private static AggregatedBucket bucket(int minute, OptionalDouble value, long count) {
        return new AggregatedBucket(T0.plusSeconds(60L * minute), Optional.of("BTC"), value, count);
    }

    private static List<OptionalDouble> values(List<AggregatedBucket> buckets) {
        return buckets.stream().map(AggregatedBucket::value).toList();
    }

    private static final List<AggregatedBucket> FIRST_AND_LAST =
            List.of(bucket(0, OptionalDouble.of(10), 2), bucket(3, OptionalDouble.of(40), 1));

    @Test
    @DisplayName("none leaves gaps out; null returns them empty with a zero count")
    void noneAndNull() {
        assertThat(GapFiller.fill(FIRST_AND_LAST, FOUR_MINUTES, Interval.MINUTE_1, GapFill.NONE)).isEqualTo(FIRST_AND_LAST);
        List<AggregatedBucket> filled = GapFiller.fill(FIRST_AND_LAST, FOUR_MINUTES, Interval.MINUTE_1, GapFill.NULL);
        assertThat(filled).extracting(AggregatedBucket::sampleCount).containsExactly(2L, 0L, 0L, 1L);
        assertThat(values(filled)).containsExactly(OptionalDouble.of(10), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.of(40));
    }

    @Test
    @DisplayName("previous carries the last value, also across a bucket that has points but no value")
    void previous() {
        List<AggregatedBucket> input = List.of(bucket(0, OptionalDouble.of(10), 2), bucket(1, OptionalDouble.empty(), 1));
        List<AggregatedBucket> filled = GapFiller.fill(input, FOUR_MINUTES, Interval.MINUTE_1, GapFill.PREVIOUS);
        assertThat(values(filled)).containsExactly(OptionalDouble.of(10), OptionalDouble.empty(), OptionalDouble.of(10),
                OptionalDouble.of(10));
    }

    @Test
    @DisplayName("linear interpolates in time between valued buckets and leaves the edges empty")
    void linear() {
        TimeRange sixMinutes = TimeRange.of(T0.minusSeconds(60), T0.plusSeconds(300));
        List<AggregatedBucket> filled = GapFiller.fill(FIRST_AND_LAST, sixMinutes, Interval.MINUTE_1, GapFill.LINEAR);
        assertThat(values(filled)).containsExactly(OptionalDouble.empty(), OptionalDouble.of(10), OptionalDouble.of(20),
                OptionalDouble.of(30), OptionalDouble.of(40), OptionalDouble.empty());
    }

    @Test
    @DisplayName("a range starting mid-bucket includes the bucket that holds its start")
    void partialFirstBucket() {
        TimeRange range = TimeRange.of(T0.plusSeconds(30), T0.plusSeconds(120));
        List<AggregatedBucket> filled = GapFiller.fill(List.of(bucket(1, OptionalDouble.of(5), 1)), range,
                Interval.MINUTE_1, GapFill.NULL);
        assertThat(filled).extracting(AggregatedBucket::bucketStart).containsExactly(T0, T0.plusSeconds(60));
    }
}
