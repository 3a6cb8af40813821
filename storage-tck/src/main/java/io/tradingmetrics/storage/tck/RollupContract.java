package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.tck.support.KitAssertions;
import io.tradingmetrics.storage.tck.support.KitAssertions.Precision;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollups must never change an answer. The same random writes (batches whose points arrive late, into buckets
 * already summed up), deletes of unaligned ranges and retention go to the store under test and to a store of the same
 * kind that keeps no rollups, before and after refreshes of the rollups ({@code optimize()}); after each phase every aggregation, at intervals that a rollup level answers and at
 * intervals it does not, over aligned and unaligned ranges, grouped, ungrouped and filtered by symbol, must give the
 * same buckets in both. Compared exactly (bit for bit, NaN equal to NaN) except sums and averages, where the order of
 * additions legitimately differs (a rollup adds partial sums), within {@link KitAssertions#RELATIVE_TOLERANCE} of the
 * larger of the value and the inputs' magnitude; an infinite or NaN sum must be the same in both. The data include
 * NaN, both infinities and -0.0 (metric {@code special}), whose answers must be the engine's own raw answers; the
 * finite metrics are also checked against the reference model, so that every engine gives the same answers.
 *
 * <p>Timestamps are unique within a series: when points tie on a timestamp, first and last may be any of them,
 * with or without rollups, as the raw aggregation leaves it. The seed is random per run and printed on failure;
 * {@code -Dtck.rollups.seed=N} replays one.
 */
public abstract class RollupContract extends StoreContract {
    private static final List<String> METRICS = List.of("price", "latency", "special");
    private static final List<Optional<String>> SYMBOLS = List.of(Optional.empty(), Optional.of("BTC-USD"),
            Optional.of("ETH-USD"), Optional.of(""), Optional.of("AAPL"));
    private static final List<Interval> INTERVALS = List.of(Interval.MINUTE_1, Interval.MINUTE_5, Interval.MINUTE_15,
            Interval.HOUR_1, Interval.HOUR_4, Interval.DAY_1, Interval.WEEK_1, Interval.MONTH_1, Interval.SECOND_1);
    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0};
    private static final Duration SPAN = Duration.ofDays(3);

    private final StoreFixture fixture;

    protected RollupContract(StoreFixture fixture) {
        super(fixture);
        this.fixture = requireNonNull(fixture, "fixture is null");
    }

    @Test
    @DisplayName("every aggregation answers the same with and without rollups, after late points, deletes and retention")
    void sameAnswersWithAndWithoutRollups() {
        long seed = Long.getLong("tck.rollups.seed", new Random().nextLong());
        try {
            run(new Random(seed));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("rollup contract failed with seed " + seed + " (replay: -Dtck.rollups.seed="
                    + seed + "): " + e.getMessage(), e);
        }
    }

    private void run(Random random) {
        MetricsStore without = fixture.storeWithoutRollups();
        Set<String> taken = new HashSet<>();
        Instant start = BASE.minus(Duration.ofHours(7)).plusSeconds(1_234);
        Duration slice = SPAN.dividedBy(6);
        for (int batch = 0; batch < 6; batch++) {
            write(without, points(random, taken, start.plus(slice.multipliedBy(batch)), slice, start, 900));
        }
        compareAll(random, without, "after the writes (the newest points not yet refreshed into the rollups)");
        store().optimize(); // refreshes the rollups up to the lag behind the newest point
        compareAll(random, without, "after the writes and a refresh");

        // An unaligned range in the middle, then retention at an unaligned cutoff, then late points into both.
        Instant deleteFrom = start.plus(SPAN.dividedBy(3)).plusSeconds(random.nextInt(3_600));
        TimeRange deleted = TimeRange.of(deleteFrom, deleteFrom.plus(Duration.ofHours(5)).plusMillis(random.nextInt(10_000)));
        assertThat(store().deleteRange(StoreTable.TRADING_METRICS, deleted))
                .isEqualTo(without.deleteRange(StoreTable.TRADING_METRICS, deleted))
                .isEqualTo(model.deleteRange(StoreTable.TRADING_METRICS, deleted));
        Instant cutoff = start.plus(Duration.ofHours(9)).plusSeconds(random.nextInt(3_600)).plusNanos(7_000);
        Map<StoreTable, Long> retained = store().deleteOlderThan(cutoff);
        assertThat(retained.get(StoreTable.TRADING_METRICS))
                .isEqualTo(without.deleteOlderThan(cutoff).get(StoreTable.TRADING_METRICS))
                .isEqualTo(model.deleteRange(StoreTable.TRADING_METRICS, TimeRange.of(TimeRange.all().from(), cutoff)));
        compareAll(random, without, "after deleteRange " + deleted + " and retention before " + cutoff);

        write(without, points(random, taken, deleteFrom, Duration.ofHours(5), cutoff, 600));
        compareAll(random, without, "after late points into the deleted range (merged by their writes)");
        write(without, points(random, taken, start.plus(SPAN), Duration.ofHours(2), start.plus(SPAN), 300));
        store().optimize();
        compareAll(random, without, "after newer points and another refresh");
    }

    private void write(MetricsStore without, List<MetricPoint> points) {
        insert(points);
        assertThat(without.insertMetrics(points)).isEqualTo(points.size());
    }

    /**
     * @return points of every metric and symbol, most in [from, from + span), a tenth late (anywhere since
     *         {@code lateFrom}), timestamps unique per series, in random order
     */
    private static List<MetricPoint> points(Random random, Set<String> taken, Instant from, Duration span,
                                            Instant lateFrom, int count) {
        List<MetricPoint> points = new ArrayList<>(count);
        long spanMicros = span.toNanos() / 1_000;
        long lateMicros = Math.max(1, Duration.between(lateFrom, from.plus(span)).toNanos() / 1_000);
        while (points.size() < count) {
            String metric = METRICS.get(random.nextInt(METRICS.size()));
            Optional<String> symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
            boolean late = random.nextInt(10) == 0;
            Instant at = late ? lateFrom.plusNanos(1_000 * (long) (random.nextDouble() * lateMicros))
                    : from.plusNanos(1_000 * (long) (random.nextDouble() * spanMicros));
            if (!taken.add(metric + "\u0000" + symbol + "\u0000" + at)) {
                continue;
            }
            double value = metric.equals("special") && random.nextInt(8) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)]
                    : metric.equals("latency") ? Math.exp(random.nextGaussian()) * 3
                    : 60_000 + random.nextGaussian() * 250;
            points.add(new MetricPoint(at, metric, value, symbol, Map.of("venue", random.nextBoolean() ? "a" : "b")));
        }
        return points;
    }

    private void compareAll(Random random, MetricsStore without, String when) {
        Instant begin = BASE.minus(Duration.ofHours(7));
        for (Aggregation aggregation : Aggregation.values()) {
            for (Interval interval : INTERVALS) {
                String metric = METRICS.get(random.nextInt(METRICS.size()));
                AggregationQuery query = AggregationQuery.of(metric, range(random, begin), interval, aggregation);
                query = switch (random.nextInt(3)) {
                    case 0 -> query.groupedBySymbol();
                    case 1 -> query.withSymbol(SYMBOLS.get(1 + random.nextInt(SYMBOLS.size() - 1)).get());
                    default -> query;
                };
                compare(query, without, when);
            }
        }
    }

    /** All of time, an aligned day-sized range or an unaligned one, at random. */
    private static TimeRange range(Random random, Instant begin) {
        return switch (random.nextInt(3)) {
            case 0 -> TimeRange.all();
            case 1 -> TimeRange.of(begin.plus(Duration.ofHours(7 + random.nextInt(24))),
                    begin.plus(Duration.ofHours(40 + random.nextInt(40))));
            default -> TimeRange.of(begin.plusSeconds(random.nextInt(100_000)).plusNanos(1_000L * random.nextInt(1_000_000)),
                    begin.plusSeconds(150_000 + random.nextInt(150_000)).plusNanos(1_000L * random.nextInt(1_000_000)));
        };
    }

    private void compare(AggregationQuery query, MetricsStore without, String when) {
        List<AggregatedBucket> expected = without.aggregate(query);
        List<AggregatedBucket> actual = store().aggregate(query);
        String what = query + " " + when;
        assertThat(actual.stream().map(RollupContract::shape).toList()).as("buckets of " + what)
                .containsExactlyElementsOf(expected.stream().map(RollupContract::shape).toList());
        Precision precision = KitAssertions.precisionOf(query.aggregation());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).value().isEmpty()) {
                continue;
            }
            double want = expected.get(i).value().getAsDouble();
            double got = actual.get(i).value().getAsDouble();
            String bucket = "value of bucket " + expected.get(i) + " of " + what;
            if (precision == Precision.EXACT || Double.isNaN(want) || Double.isInfinite(want)) {
                KitAssertions.assertExactly(got, want, bucket);
            } else {
                KitAssertions.assertClose(got, want, scale(query), bucket);
            }
        }
        if (!query.metricName().equals("special")) {
            KitAssertions.assertBuckets(actual, model.aggregate(query), query.aggregation());
        }
    }

    /** The inputs' magnitude, for the tolerance of sums: the largest value a finite metric takes, times a few. */
    private static double scale(AggregationQuery query) {
        return query.metricName().equals("latency") ? 1_000 : 100_000;
    }

    private static String shape(AggregatedBucket bucket) {
        return bucket.bucketStart() + " " + bucket.symbol().map(s -> "'" + s + "'").orElse("<no symbol>") + " n="
                + bucket.sampleCount() + (bucket.value().isPresent() ? " valued" : " without value");
    }
}
