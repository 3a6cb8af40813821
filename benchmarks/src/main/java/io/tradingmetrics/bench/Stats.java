package io.tradingmetrics.bench;

import java.util.Arrays;

/** Order statistics of repeated measurements: the machines are shared and noisy, so medians rather than means. */
final class Stats {
    private Stats() {}

    /** @return the median; NaN for no samples */
    static double median(double[] samples) {
        return percentile(samples, 0.5);
    }

    /**
     * @param fraction 0..1
     * @return the sample at that rank, linearly interpolated between neighbours; NaN for no samples
     */
    static double percentile(double[] samples, double fraction) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double rank = fraction * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
