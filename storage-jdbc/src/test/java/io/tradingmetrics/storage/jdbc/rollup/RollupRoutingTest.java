package io.tradingmetrics.storage.jdbc.rollup;

import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which level answers a query, the strict level settings, and how a batch is summed up. */
class RollupRoutingTest {
    private static final List<RollupLevel> DEFAULT = RollupSettings.DEFAULT_LEVELS.stream()
            .map(level -> new RollupLevel(level, Timestamps.MAX)).toList();
    private static final Instant DAY = Instant.parse("2024-03-04T00:00:00Z");
    private static final TimeRange WEEK = TimeRange.of(DAY, DAY.plusSeconds(7 * 86_400));
    private static final RollupLevel HOURS = new RollupLevel(Interval.HOUR_1, Timestamps.MAX);

    private static Optional<Interval> level(Interval interval, Aggregation aggregation, TimeRange range) {
        return level(interval, aggregation, range, DEFAULT);
    }

    private static Optional<Interval> level(Interval interval, Aggregation aggregation, TimeRange range,
                                            List<RollupLevel> levels) {
        return RollupReads.levelFor(AggregationQuery.of("m", range, interval, aggregation), levels, levels)
                .map(RollupLevel::level);
    }

    @Test
    void theCoarsestLevelThatDividesTheIntervalAnswers() {
        assertThat(level(Interval.HOUR_1, Aggregation.AVG, WEEK)).contains(Interval.HOUR_1);
        assertThat(level(Interval.DAY_1, Aggregation.LAST, WEEK)).contains(Interval.HOUR_1);
        assertThat(level(Interval.WEEK_1, Aggregation.SUM, WEEK)).contains(Interval.HOUR_1);
        assertThat(level(Interval.MONTH_1, Aggregation.MIN, WEEK)).contains(Interval.HOUR_1);
        assertThat(level(Interval.MINUTE_15, Aggregation.COUNT, WEEK)).contains(Interval.MINUTE_1);
        assertThat(level(Interval.MINUTE_1, Aggregation.FIRST, TimeRange.all())).contains(Interval.MINUTE_1);
    }

    @Test
    void whatNoLevelAnswersExactlyReadsRawPoints() {
        assertThat(level(Interval.SECOND_1, Aggregation.AVG, WEEK)).isEmpty();
        for (Aggregation raw : List.of(Aggregation.P50, Aggregation.P95, Aggregation.P99, Aggregation.STDDEV)) {
            assertThat(level(Interval.HOUR_1, raw, WEEK)).as(raw.name()).isEmpty();
        }
        assertThat(RollupReads.levelFor(AggregationQuery.of("m", WEEK, Interval.HOUR_1, Aggregation.AVG)
                .withLabels(Map.of("venue", "x")), DEFAULT, DEFAULT)).as("label filter").isEmpty();
        TimeRange inOneHour = TimeRange.of(DAY.plusSeconds(60), DAY.plusSeconds(3_000));
        assertThat(level(Interval.HOUR_1, Aggregation.AVG, inOneHour)).as("no whole hour in the range")
                .contains(Interval.MINUTE_1);
        assertThat(level(Interval.HOUR_1, Aggregation.AVG, TimeRange.of(DAY.plusMillis(1), DAY.plusSeconds(59))))
                .as("no whole minute either").isEmpty();
        assertThat(RollupReads.levelFor(AggregationQuery.of("m", WEEK, Interval.HOUR_1, Aggregation.AVG), List.of(),
                List.of())).as("rollups off").isEmpty();
    }

    @Test
    void aSparseLevelIsReadAsItIsWhereItsRowsAreTheBuckets() {
        List<RollupLevel> minutesOnly = DEFAULT.subList(0, 1); // the 1h level holds about a row per point
        AggregationQuery hourly = AggregationQuery.of("m", WEEK, Interval.HOUR_1, Aggregation.AVG);
        assertThat(RollupReads.levelFor(hourly.groupedBySymbol(), DEFAULT, minutesOnly)).as("per symbol")
                .map(RollupLevel::level).contains(Interval.HOUR_1);
        assertThat(RollupReads.levelFor(hourly.withSymbol("A"), DEFAULT, minutesOnly)).as("one symbol")
                .map(RollupLevel::level).contains(Interval.HOUR_1);
        assertThat(RollupReads.levelFor(hourly, DEFAULT, minutesOnly)).as("every symbol in one bucket: regrouped")
                .map(RollupLevel::level).contains(Interval.MINUTE_1);
        assertThat(RollupReads.levelFor(AggregationQuery.of("m", WEEK, Interval.DAY_1, Aggregation.AVG)
                .groupedBySymbol(), DEFAULT, minutesOnly)).as("coarser buckets: regrouped").map(RollupLevel::level)
                .contains(Interval.MINUTE_1);
        assertThat(RollupReads.levelFor(hourly.groupedBySymbol(), DEFAULT, List.of())).as("no level dense")
                .map(RollupLevel::level).contains(Interval.HOUR_1);
        assertThat(RollupReads.levelFor(AggregationQuery.of("m", WEEK, Interval.HOUR_1, Aggregation.P95)
                .groupedBySymbol(), DEFAULT, List.of())).as("no merge of a percentile").isEmpty();
    }

    @Test
    void theEdgesOfAnUnalignedRangeAreLeftToRawPoints() {
        TimeRange range = TimeRange.of(DAY.plusSeconds(90), DAY.plusSeconds(7_300));
        Instant[] whole = RollupReads.wholeBuckets(range, HOURS);
        assertThat(whole).containsExactly(DAY.plusSeconds(3_600), DAY.plusSeconds(7_200));
        assertThat(RollupReads.wholeBuckets(WEEK, HOURS)).containsExactly(WEEK.from(), WEEK.to());
    }

    @Test
    void bucketsFromTheWatermarkOnAreLeftToRawPoints() {
        Instant noon = DAY.plusSeconds(12 * 3_600);
        RollupLevel refreshedToNoon = new RollupLevel(Interval.HOUR_1, noon);
        assertThat(RollupReads.wholeBuckets(WEEK, refreshedToNoon)).containsExactly(DAY, noon);
        List<RollupLevel> minutesAhead = List.of(new RollupLevel(Interval.MINUTE_1, noon.plusSeconds(600)),
                new RollupLevel(Interval.HOUR_1, noon));
        TimeRange afternoon = TimeRange.of(noon, noon.plusSeconds(3 * 3_600));
        assertThat(level(Interval.HOUR_1, Aggregation.AVG, afternoon, minutesAhead))
                .as("the hours are not refreshed there yet, the minutes are for ten of them").contains(Interval.MINUTE_1);
        assertThat(level(Interval.HOUR_1, Aggregation.AVG, TimeRange.of(noon.plusSeconds(600), noon.plusSeconds(7_200)),
                minutesAhead)).as("after every watermark").isEmpty();
        assertThat(level(Interval.HOUR_1, Aggregation.AVG, WEEK, minutesAhead)).contains(Interval.HOUR_1);
    }

    @Test
    void levelsAreCheckedStrictly() {
        assertThat(settings(true, List.of("1h", " 1m")).levels())
                .containsExactly(Interval.MINUTE_1, Interval.HOUR_1);
        assertThat(settings(false, List.of("1h"))).isEqualTo(RollupSettings.disabled());
        assertThatThrownBy(() -> settings(false, List.of("1x"))).as("checked when off too")
                .isInstanceOf(StoreConfigException.class);
        assertThatThrownBy(() -> settings(true, List.of("1w"))).isInstanceOf(StoreConfigException.class)
                .hasMessage("b.levels holds '1w', which is not a rollup level; give levels among 1m, 5m, 15m, 1h, 4h, 1d");
        assertThatThrownBy(() -> settings(true, List.of("1s"))).isInstanceOf(StoreConfigException.class);
        assertThatThrownBy(() -> settings(true, List.of())).isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("b.enabled = false");
        assertThatThrownBy(() -> RollupSettings.of(true, List.of("1m"), Duration.ofMillis(5), Duration.ZERO, 4, "b"))
                .isInstanceOf(StoreConfigException.class).hasMessage("b.refresh-interval = 5ms is too short; give at"
                        + " least 10ms (the default is 1s)");
        assertThatThrownBy(() -> RollupSettings.of(true, List.of("1m"), Duration.ofSeconds(1), Duration.ofSeconds(-1),
                4, "b")).isInstanceOf(StoreConfigException.class).hasMessageContaining("b.refresh-lag is negative");
    }

    private static RollupSettings settings(boolean enabled, List<String> levels) {
        return RollupSettings.of(enabled, levels, Duration.ofSeconds(1), Duration.ofSeconds(10), 4, "b");
    }

    @Test
    void aBatchSumsUpAsTheEnginesOrderDoubles() {
        List<MetricPoint> points = List.of(MetricPoint.of(DAY.plusSeconds(30), "m", 2.0, "A"),
                MetricPoint.of(DAY.plusSeconds(10), "m", Double.NaN, "A"),
                MetricPoint.of(DAY.plusSeconds(50), "m", -1.0, "A"),
                MetricPoint.of(DAY.plusSeconds(70), "m", 5.0, "A"),
                MetricPoint.of(DAY.plusSeconds(20), "m", 7.0));
        List<RollupRow> rows = RollupAccumulator.rows(points,
                List.of(new RollupLevel(Interval.MINUTE_1, DAY.plusSeconds(60))));
        RollupRow a = rows.stream().filter(r -> r.symbol().isPresent() && r.bucket().equals(DAY)).findFirst()
                .orElseThrow();
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.min()).as("NaN above every number").isEqualTo(-1.0);
        assertThat(a.max()).isNaN();
        assertThat(a.sum()).isNaN();
        assertThat(a.firstTimestamp()).isEqualTo(DAY.plusSeconds(10));
        assertThat(a.firstValue()).isNaN();
        assertThat(a.lastValue()).isEqualTo(-1.0);
        assertThat(rows).as("the point after the watermark is the refresh's").hasSize(2)
                .anySatisfy(r -> assertThat(r.symbol()).isEmpty());
    }
}
