package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.jdbc.LabelsJson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch of points with its text columns dictionary-encoded where that pays: metric names, symbols and labels
 * repeat across a batch, so each row carries a small code and the distinct texts travel once, as SQL list
 * parameters. That keeps the texts out of the per-row work, and casts each distinct labels text to JSON once instead
 * of once per row. A column with too many distinct texts is sent as plain text per row instead.
 *
 * <p>Built before the insert; read by the thread DuckDB scans it on (read-only by then).
 */
final class EncodedPoints {
    /** A dictionary is used while it holds at most this share of the rows (1/16) or this many texts. */
    private static final int ROWS_PER_DISTINCT_TEXT = 16;
    private static final int ALWAYS_ALLOWED_DISTINCT = 256;

    final List<MetricPoint> points;
    /** 1-based codes into {@link #names}, or null when names go as text. */
    final int[] nameCodes;
    final List<String> names;
    /** 1-based codes into {@link #symbols} (a code for "no symbol" too), or null when symbols go as text. */
    final int[] symbolCodes;
    final List<String> symbols;
    /** 1-based codes into {@link #labels} (JSON texts), or null when labels go as text. */
    final int[] labelCodes;
    final List<String> labels;

    private EncodedPoints(List<MetricPoint> points, Dictionary names, Dictionary symbols, Dictionary labels) {
        this.points = points;
        this.nameCodes = names.codes;
        this.names = names.texts;
        this.symbolCodes = symbols.codes;
        this.symbols = symbols.texts;
        this.labelCodes = labels.codes;
        this.labels = labels.texts;
    }

    /** @param points a random-access list of valid points */
    static EncodedPoints encode(List<MetricPoint> points) {
        int rows = points.size();
        int limit = Math.max(ALWAYS_ALLOWED_DISTINCT, rows / ROWS_PER_DISTINCT_TEXT);
        Dictionary names = new Dictionary(rows, limit);
        Dictionary symbols = new Dictionary(rows, limit);
        Dictionary labels = new Dictionary(rows, limit);
        // Labels maps are compared by value: producers reuse a few maps, but maps read back from a store (a
        // migration) are new objects for every row. Each distinct map is written as JSON once.
        Map<Map<String, String>, String> jsonByMap = new HashMap<>();
        for (int row = 0; row < rows; row++) {
            MetricPoint point = points.get(row);
            names.add(row, point.metricName());
            symbols.add(row, point.symbol().orElse(null));
            if (labels.active()) {
                Map<String, String> map = point.labels();
                if (!labels.sameAsPrevious(row, map)) {
                    String json = jsonByMap.get(map);
                    if (json == null) {
                        if (jsonByMap.size() >= limit) {
                            labels.abandon();
                            continue;
                        }
                        json = LabelsJson.write(map);
                        jsonByMap.put(map, json);
                    }
                    labels.add(row, json, map);
                }
            }
        }
        return new EncodedPoints(points, names, symbols, labels);
    }

    /** @return the symbol of the point, or null, for a column sent as text */
    static String symbolText(MetricPoint point) {
        Optional<String> symbol = point.symbol();
        return symbol.isPresent() ? symbol.get() : null;
    }

    /** Codes of one column: each distinct text gets the next code, null included. */
    private static final class Dictionary {
        private final int limit;
        private int[] codes;
        private List<String> texts = new ArrayList<>();
        private final Map<String, Integer> codeByText = new HashMap<>();
        private Object previousKey;
        private int previousCode;
        private boolean hasPrevious;

        Dictionary(int rows, int limit) {
            this.limit = limit;
            this.codes = new int[rows];
        }

        boolean active() {
            return codes != null;
        }

        /** Rows of one series repeat the very same objects: reuse the last code without hashing. */
        boolean sameAsPrevious(int row, Object key) {
            if (hasPrevious && key == previousKey) {
                codes[row] = previousCode;
                return true;
            }
            return false;
        }

        void add(int row, String text) {
            if (active() && !sameAsPrevious(row, text)) {
                add(row, text, text);
            }
        }

        void add(int row, String text, Object key) {
            Integer code = codeByText.get(text);
            if (code == null) {
                if (texts.size() >= limit) {
                    abandon();
                    return;
                }
                texts.add(text);
                code = texts.size();
                codeByText.put(text, code);
            }
            codes[row] = code;
            previousKey = key;
            previousCode = code;
            hasPrevious = true;
        }

        /** Too many distinct texts for a dictionary to pay: the column goes as text. */
        void abandon() {
            codes = null;
            texts = List.of();
            codeByText.clear();
        }
    }
}
