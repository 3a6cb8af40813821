package io.tradingmetrics.storage.tck.support;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reference arithmetic over plain value lists, written from the SPI's definitions rather than from any engine's
 * behaviour. Sums and means are computed exactly (in decimal) and rounded once, so they are the true results that a
 * store's floating evaluation approaches.
 */
public final class Values {
    private Values() {}

    /** The exact sum of finite values, rounded once to the nearest double. */
    public static double exactSum(List<Double> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double value : values) {
            sum = sum.add(new BigDecimal(value));
        }
        return sum.doubleValue();
    }

    /** The exact mean of finite values, rounded once. */
    public static double exactMean(List<Double> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double value : values) {
            sum = sum.add(new BigDecimal(value));
        }
        return sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128).doubleValue();
    }

    /** The sample standard deviation (divisor n - 1); none for fewer than two values. */
    public static OptionalDouble sampleStddev(List<Double> values) {
        int n = values.size();
        if (n < 2) {
            return OptionalDouble.empty();
        }
        BigDecimal mean = BigDecimal.ZERO;
        for (double value : values) {
            mean = mean.add(new BigDecimal(value));
        }
        mean = mean.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128);
        BigDecimal squares = BigDecimal.ZERO;
        for (double value : values) {
            BigDecimal deviation = new BigDecimal(value).subtract(mean);
            squares = squares.add(deviation.multiply(deviation));
        }
        BigDecimal variance = squares.divide(BigDecimal.valueOf(n - 1L), MathContext.DECIMAL128);
        return OptionalDouble.of(variance.sqrt(MathContext.DECIMAL128).doubleValue());
    }

    /**
     * The continuous percentile as SQL's {@code percentile_cont} defines it: sort the values, take the position
     * {@code fraction * (n - 1)} and interpolate linearly between the two values around it.
     */
    public static double percentileCont(List<Double> values, double fraction) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        double position = fraction * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        double low = sorted.get(lower);
        double high = sorted.get(upper);
        return low + (position - lower) * (high - low);
    }

    /** The largest magnitude of the values: the scale a tolerance for their aggregates is relative to. */
    public static double maxMagnitude(List<Double> values) {
        double max = 0.0;
        for (double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
