package io.tradingmetrics.writer;

import io.tradingmetrics.storage.api.MetricPoint;

import java.util.Map;

/** Estimated heap bytes of a buffered row, for the buffer's byte bound (object headers, fields, strings). */
final class RowSizes {
    private static final long POINT_BASE = 96;
    private static final long LABEL_ENTRY = 64;
    private static final long STRING_BASE = 40;
    /** Candles and snapshots have no variable-length text except a short symbol. */
    private static final long FIXED_ROW = 160;

    private RowSizes() {}

    static long estimate(Object row) {
        if (row instanceof MetricPoint point) {
            long bytes = POINT_BASE + text(point.metricName()) + point.symbol().map(RowSizes::text).orElse(0L);
            for (Map.Entry<String, String> label : point.labels().entrySet()) {
                bytes += LABEL_ENTRY + text(label.getKey()) + text(label.getValue());
            }
            return bytes;
        }
        return FIXED_ROW;
    }

    private static long text(String text) {
        // Strings are shared when the app reuses them; counting them per row keeps the bound on the safe side.
        return STRING_BASE + text.length();
    }
}
