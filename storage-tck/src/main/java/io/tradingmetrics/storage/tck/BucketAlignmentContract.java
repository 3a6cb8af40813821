package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.tck.support.KitAssertions;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where buckets start, for every interval: as TimescaleDB's {@code time_bucket} places them in UTC (weeks on Mondays,
 * months on the 1st), also before 1970 and whatever the JVM's time zone.
 */
public abstract class BucketAlignmentContract extends StoreContract {

    protected BucketAlignmentContract(StoreFixture fixture) {
        super(fixture);
    }

    static Stream<Arguments> intervalsAndEras() {
        return Arrays.stream(Interval.values()).flatMap(interval -> Stream.of(
                Arguments.of(interval, "2023-12-30T21:17:43.123456Z"),
                Arguments.of(interval, "1969-12-31T23:59:57.654321Z")));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("intervalsAndEras")
    @DisplayName("every interval puts each point in the bucket the reference puts it in, points on boundaries included")
    void everyInterval(Interval interval, String from) {
        List<MetricPoint> points = pointsAroundBoundaries(interval, Instant.parse(from));
        insert(data.shuffled(points));

        for (Aggregation aggregation : List.of(Aggregation.COUNT, Aggregation.FIRST, Aggregation.LAST)) {
            AggregationQuery query = AggregationQuery.of("tick", TimeRange.all(), interval, aggregation);
            List<AggregatedBucket> buckets = store().aggregate(query);
            KitAssertions.assertBuckets(buckets, model.aggregate(query), aggregation);
            assertThat(buckets).extracting(AggregatedBucket::bucketStart)
                    .as("bucket starts aligned for " + interval.label())
                    .allMatch(start -> isAligned(start, interval));
        }
    }

    @Test
    @DisplayName("every interval buckets instants of years 1 to 9999, before the Gregorian reform included, as the"
            + " reference does")
    void everyIntervalOverAllYears() {
        long min = Timestamps.MIN.getEpochSecond();
        // Forty days short of the end, so that the last monthly bucket still starts inside the supported range.
        long max = Timestamps.MAX.getEpochSecond() - 86_400 * 40;
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long second = min + (long) (data.random().nextDouble() * (max - min));
            points.add(MetricPoint.of(Instant.ofEpochSecond(second, data.random().nextInt(1_000_000) * 1_000L), "t", i));
        }
        insert(points);

        for (Interval interval : Interval.values()) {
            AggregationQuery query = AggregationQuery.of("t", TimeRange.all(), interval, Aggregation.COUNT);
            List<AggregatedBucket> buckets = store().aggregate(query);
            KitAssertions.assertBuckets(buckets, model.aggregate(query), Aggregation.COUNT);
            assertThat(buckets).extracting(AggregatedBucket::bucketStart).as(interval.label())
                    .allMatch(start -> isAligned(start, interval));
        }
    }

    /** Six buckets' worth of points: on each boundary, a microsecond either side of it, and inside. */
    private List<MetricPoint> pointsAroundBoundaries(Interval interval, Instant from) {
        List<MetricPoint> points = new ArrayList<>();
        Instant start = interval.bucketStart(from);
        int n = 0;
        for (int bucket = 0; bucket < 6; bucket++) {
            Instant next = interval.next(start);
            long widthMicros = ChronoUnit.MICROS.between(start, next);
            for (Instant at : List.of(start, start.plus(1, ChronoUnit.MICROS), start.plus(widthMicros / 3, ChronoUnit.MICROS),
                    start.plus(widthMicros * 2 / 3, ChronoUnit.MICROS), next.minus(1, ChronoUnit.MICROS))) {
                points.add(MetricPoint.of(at, "tick", n++ * 1.5, "AAPL"));
            }
            start = next;
        }
        return points;
    }

    /** Alignment written from the calendar, independently of {@link Interval#bucketStart}. */
    private static boolean isAligned(Instant start, Interval interval) {
        ZonedDateTime utc = start.atZone(ZoneOffset.UTC);
        boolean wholeSecond = utc.getNano() == 0;
        boolean wholeMinute = wholeSecond && utc.getSecond() == 0;
        boolean wholeHour = wholeMinute && utc.getMinute() == 0;
        boolean midnight = wholeHour && utc.getHour() == 0;
        return switch (interval) {
            case SECOND_1 -> wholeSecond;
            case MINUTE_1 -> wholeMinute;
            case MINUTE_5 -> wholeMinute && utc.getMinute() % 5 == 0;
            case MINUTE_15 -> wholeMinute && utc.getMinute() % 15 == 0;
            case HOUR_1 -> wholeHour;
            case HOUR_4 -> wholeHour && utc.getHour() % 4 == 0;
            case DAY_1 -> midnight;
            case WEEK_1 -> midnight && utc.getDayOfWeek() == DayOfWeek.MONDAY;
            case MONTH_1 -> midnight && utc.getDayOfMonth() == 1;
        };
    }

    @Test
    @DisplayName("weekly buckets start on Monday 00:00 UTC: Sunday's last microsecond and Monday's first part")
    void weeksStartOnMonday() {
        Instant sundayNight = Instant.parse("2024-03-10T23:59:59.999999Z");
        Instant mondayMidnight = Instant.parse("2024-03-11T00:00:00Z");
        Instant wednesday = Instant.parse("2024-03-13T12:00:00Z");
        insert(List.of(MetricPoint.of(sundayNight, "w", 1), MetricPoint.of(mondayMidnight, "w", 2),
                MetricPoint.of(wednesday, "w", 3)));

        List<AggregatedBucket> buckets = store().aggregate(
                AggregationQuery.of("w", TimeRange.all(), Interval.WEEK_1, Aggregation.COUNT));

        assertThat(buckets).extracting(AggregatedBucket::bucketStart)
                .containsExactly(mondayOf(sundayNight), mondayOf(mondayMidnight));
        assertThat(buckets).extracting(AggregatedBucket::sampleCount).containsExactly(1L, 2L);
    }

    private static Instant mondayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Test
    @DisplayName("monthly buckets start on the 1st: leap day and New Year's Eve stay in their own month")
    void monthsStartOnTheFirst() {
        List<Instant> instants = List.of(Instant.parse("2023-12-31T23:59:59.999999Z"),
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-29T23:59:59.999999Z"),
                Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-31T12:00:00Z"));
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < instants.size(); i++) {
            points.add(MetricPoint.of(instants.get(i), "m", i));
        }
        insert(points);

        List<AggregatedBucket> buckets = store().aggregate(
                AggregationQuery.of("m", TimeRange.all(), Interval.MONTH_1, Aggregation.COUNT));

        assertThat(buckets).extracting(AggregatedBucket::bucketStart).containsExactly(
                firstOfMonth(instants.get(0)), firstOfMonth(instants.get(1)), firstOfMonth(instants.get(2)),
                firstOfMonth(instants.get(3)));
        assertThat(buckets).extracting(AggregatedBucket::sampleCount).containsExactly(1L, 1L, 1L, 2L);
    }

    private static Instant firstOfMonth(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Test
    @DisplayName("four-hour buckets start at 00, 04, 08, 12, 16 and 20 UTC")
    void fourHourBuckets() {
        Instant day = Instant.parse("2024-03-05T00:00:00Z");
        List<MetricPoint> points = new ArrayList<>();
        for (int minute = 0; minute < 24 * 60; minute += 37) {
            points.add(MetricPoint.of(day.plus(minute, ChronoUnit.MINUTES), "h4", minute));
        }
        insert(points);

        List<AggregatedBucket> buckets = store().aggregate(
                AggregationQuery.of("h4", TimeRange.all(), Interval.HOUR_4, Aggregation.MIN));

        List<Instant> expectedStarts = new ArrayList<>();
        for (int hour = 0; hour < 24; hour += 4) {
            expectedStarts.add(day.plus(hour, ChronoUnit.HOURS));
        }
        assertThat(buckets).extracting(AggregatedBucket::bucketStart).containsExactlyElementsOf(expectedStarts);
        KitAssertions.assertBuckets(buckets, model.aggregate(
                AggregationQuery.of("h4", TimeRange.all(), Interval.HOUR_4, Aggregation.MIN)), Aggregation.MIN);
    }
}
