package io.tradingmetrics.bench;

import java.util.Locale;

/** How figures are written in the tables. */
final class Figures {
    private Figures() {}

    static String rate(double rowsPerSecond) {
        return Double.isNaN(rowsPerSecond) ? "-" : String.format(Locale.ROOT, "%,.0f", rowsPerSecond);
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    static String millis(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return millis < 10 ? String.format(Locale.ROOT, "%.2f", millis)
                : millis < 100 ? String.format(Locale.ROOT, "%.1f", millis)
                : String.format(Locale.ROOT, "%,.0f", millis);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    /** A ratio as a percentage, e.g. 0.934 as 93%. */
    static String percent(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    /** An overhead as a signed percentage, e.g. 1.043 as +4.3%. */
    static String overhead(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }

    static String times(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.1fx", ratio);
    }

    /** A ratio such as 1.07x, with two decimals (times() rounds to one). */
    static String ratio(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "-";
    }

    static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,.0f MB", bytes / 1024.0 / 1024.0);
    }
}
