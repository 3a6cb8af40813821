package io.tradingmetrics.storage.tck.support;

import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.PerformanceSummary;

import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comparisons of store answers with reference answers. Values the engine must get exactly (extremes, first/last,
 * counts, sums of exactly representable values) compare bit-for-bit; values whose floating evaluation order may
 * differ compare within {@link #RELATIVE_TOLERANCE} of the larger of the expected value and the inputs' magnitude.
 */
public final class KitAssertions {
    /** A relative error far above double rounding over a few thousand inputs and far below any real mistake. */
    public static final double RELATIVE_TOLERANCE = 1e-9;

    private KitAssertions() {}

    /** How strictly an aggregation's values are compared. */
    public enum Precision { EXACT, TOLERANT }

    /** The precision an aggregation can promise over arbitrary doubles. */
    public static Precision precisionOf(Aggregation aggregation) {
        return switch (aggregation) {
            case MIN, MAX, COUNT, FIRST, LAST -> Precision.EXACT;
            case AVG, SUM, P50, P95, P99, STDDEV -> Precision.TOLERANT;
        };
    }

    public static void assertBuckets(List<AggregatedBucket> actual, List<ExpectedBucket> expected,
                                     Aggregation aggregation) {
        assertBuckets(actual, expected, precisionOf(aggregation));
    }

    /** Same buckets in the same order, same sample counts, same presence of values, values as precise as asked. */
    public static void assertBuckets(List<AggregatedBucket> actual, List<ExpectedBucket> expected,
                                     Precision precision) {
        assertThat(actual.stream().map(KitAssertions::shape).toList())
                .as("buckets (start, symbol, sample count, has value) in order")
                .containsExactlyElementsOf(expected.stream().map(KitAssertions::shape).toList());
        for (int i = 0; i < expected.size(); i++) {
            ExpectedBucket want = expected.get(i);
            OptionalDouble got = actual.get(i).value();
            if (want.value().isPresent()) {
                assertValue(got.getAsDouble(), want.value().getAsDouble(), want.scale(), precision,
                        "value of bucket " + want);
            }
        }
    }

    private static String shape(AggregatedBucket bucket) {
        return bucket.bucketStart() + " " + bucket.symbol().orElse("<no symbol>") + " n=" + bucket.sampleCount()
                + (bucket.value().isPresent() ? " valued" : " without value");
    }

    private static String shape(ExpectedBucket bucket) {
        return bucket.bucketStart() + " " + bucket.symbol().orElse("<no symbol>") + " n=" + bucket.sampleCount()
                + (bucket.value().isPresent() ? " valued" : " without value");
    }

    public static void assertValue(double actual, double expected, double scale, Precision precision, String what) {
        if (precision == Precision.EXACT) {
            assertExactly(actual, expected, what);
        } else {
            assertClose(actual, expected, scale, what);
        }
    }

    /** Bit-for-bit (so -0.0 differs from 0.0), except that every NaN equals every NaN. */
    public static void assertExactly(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(Double.doubleToRawLongBits(actual)).as(what + ": expected " + expected + " but was " + actual)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    /** Within the relative tolerance of the larger of the expected value and the scale of the inputs. */
    public static void assertClose(double actual, double expected, double scale, String what) {
        double tolerance = RELATIVE_TOLERANCE * Math.max(Math.abs(expected), scale);
        assertThat(Math.abs(actual - expected)).as(what + ": expected " + expected + " (±" + tolerance
                + ") but was " + actual).isLessThanOrEqualTo(tolerance);
    }

    /** Exact where the summary copies or compares stored values, tolerant where it adds or divides them. */
    public static void assertSummary(PerformanceSummary actual, PerformanceSummary expected, double scale) {
        assertThat(actual.firstSnapshot()).as("first snapshot").isEqualTo(expected.firstSnapshot());
        assertThat(actual.lastSnapshot()).as("last snapshot").isEqualTo(expected.lastSnapshot());
        assertThat(actual.snapshots()).as("snapshot count").isEqualTo(expected.snapshots());
        assertExactly(actual.startValue(), expected.startValue(), "start value");
        assertExactly(actual.endValue(), expected.endValue(), "end value");
        assertExactly(actual.minValue(), expected.minValue(), "min value");
        assertExactly(actual.maxValue(), expected.maxValue(), "max value");
        assertClose(actual.totalPnl(), expected.totalPnl(), scale, "total pnl");
        assertOptional(actual.averageSharpe(), expected.averageSharpe(), Precision.TOLERANT, "average sharpe");
        assertOptional(actual.worstDrawdown(), expected.worstDrawdown(), Precision.EXACT, "worst drawdown");
        assertOptional(actual.averageWinRate(), expected.averageWinRate(), Precision.TOLERANT, "average win rate");
        assertThat(actual.totalTrades()).as("total trades").isEqualTo(expected.totalTrades());
        assertOptional(actual.returnPercent(), expected.returnPercent(), Precision.TOLERANT, "return percent");
    }

    private static void assertOptional(OptionalDouble actual, OptionalDouble expected, Precision precision,
                                       String what) {
        assertThat(actual.isPresent()).as(what + " present").isEqualTo(expected.isPresent());
        if (expected.isPresent()) {
            assertValue(actual.getAsDouble(), expected.getAsDouble(), 0.0, precision, what);
        }
    }
}
