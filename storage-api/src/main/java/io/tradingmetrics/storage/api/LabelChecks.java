package io.tradingmetrics.storage.api;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static java.util.Objects.requireNonNull;

/**
 * The checks of a point's labels against {@link StoreLimits}, remembered for immutable maps. Producers reuse a few
 * constant maps and a read maps each distinct labels text to one map, so most points carry a map checked before;
 * checking every point's labels again was a fifth of the time the store took to map one series' last day of points.
 */
final class LabelChecks {
    /** Checked labels, an immutable map, and the UTF-8 bytes of its keys and values together. */
    record Checked(Map<String, String> labels, int textBytes) {}

    private static final Checked EMPTY = new Checked(Map.of(), 0);
    /**
     * Maps checked lately, direct-mapped by identity: a map that {@link Map#copyOf} returns as it is cannot change,
     * so its check holds for good. Holds up to this many maps alive.
     */
    private static final int REMEMBERED = 256;
    private static final AtomicReferenceArray<Checked> CHECKED = new AtomicReferenceArray<>(REMEMBERED);

    private LabelChecks() {}

    /**
     * @param metricName the metric of the point the labels belong to, for messages
     * @return the labels checked, as an immutable map (the same instance when they were one)
     * @throws InvalidInputException when there are more than {@link StoreLimits#MAX_LABELS} or a text is refused
     */
    static Checked check(Map<String, String> labels, String metricName) {
        requireNonNull(labels, "labels is null");
        if (labels.isEmpty()) {
            return EMPTY;
        }
        int slot = System.identityHashCode(labels) & (REMEMBERED - 1);
        Checked remembered = CHECKED.get(slot);
        if (remembered != null && remembered.labels() == labels) {
            return remembered;
        }
        if (labels.size() > StoreLimits.MAX_LABELS) {
            throw new InvalidInputException("point of metric '" + Names.quote(metricName) + "' has "
                    + Names.count(labels.size()) + " labels, over the limit of " + StoreLimits.MAX_LABELS
                    + " labels; keep fewer labels");
        }
        int bytes = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = label.getKey();
            bytes += Names.requireName(key, "label key", StoreLimits.MAX_LABEL_KEY_BYTES);
            String value = requireNonNull(label.getValue(), "label '" + key + "' has a null value");
            bytes += Names.requireText(value, "label '" + Names.quote(key) + "' value",
                    StoreLimits.MAX_LABEL_VALUE_BYTES);
        }
        Map<String, String> immutable = Map.copyOf(labels);
        Checked checked = new Checked(immutable, bytes);
        if (immutable == labels) {
            CHECKED.set(slot, checked);
        }
        return checked;
    }
}
