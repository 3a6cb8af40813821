package io.tradingmetrics.storage.api;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Labels whose texts were checked against {@link StoreLimits}, immutable: {@link MetricPoint} takes such a map as it
 * is, so that points sharing one map (the rows a read maps, a producer's fixed labels) are not checked again point by
 * point. Checking a read's labels was a fifth of the time the store took to map a series' last day of points.
 */
final class CheckedLabels extends AbstractMap<String, String> {
    private static final CheckedLabels EMPTY = new CheckedLabels(Map.of(), 0);

    private final Map<String, String> entries;
    private final int textBytes;
    /** The entries' hash, computed once: writers compare labels maps by value per point. */
    private int hash;

    private CheckedLabels(Map<String, String> entries, int textBytes) {
        this.entries = entries;
        this.textBytes = textBytes;
    }

    /**
     * @param metricName the metric of the point the labels belong to, for messages; null when they belong to none yet
     * @return the labels checked, the same instance when they were checked already
     * @throws InvalidInputException when there are more than {@link StoreLimits#MAX_LABELS} or a text is refused
     */
    static CheckedLabels of(Map<String, String> labels, String metricName) {
        if (labels instanceof CheckedLabels checked) {
            return checked;
        }
        requireNonNull(labels, "labels is null");
        if (labels.isEmpty()) {
            return EMPTY;
        }
        if (labels.size() > StoreLimits.MAX_LABELS) {
            throw new InvalidInputException(owner(metricName) + " has " + Names.count(labels.size())
                    + " labels, over the limit of " + StoreLimits.MAX_LABELS + " labels; keep fewer labels");
        }
        int bytes = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = label.getKey();
            bytes += Names.requireName(key, "label key", StoreLimits.MAX_LABEL_KEY_BYTES);
            String value = requireNonNull(label.getValue(), "label '" + key + "' has a null value");
            bytes += Names.requireText(value, "label '" + Names.quote(key) + "' value", StoreLimits.MAX_LABEL_VALUE_BYTES);
        }
        return new CheckedLabels(Map.copyOf(labels), bytes);
    }

    static String owner(String metricName) {
        return metricName == null ? "the labels map" : "point of metric '" + Names.quote(metricName) + "'";
    }

    /** @return the UTF-8 bytes of the keys and values together */
    int textBytes() {
        return textBytes;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return entries.entrySet();
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String get(Object key) {
        return key == null ? null : entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && entries.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return value != null && entries.containsValue(value);
    }

    @Override
    public boolean equals(Object other) {
        return other == this || entries.equals(other);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = entries.hashCode();
            hash = h;
        }
        return h;
    }
}
