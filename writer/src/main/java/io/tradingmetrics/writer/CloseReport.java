package io.tradingmetrics.writer;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@link MetricsWriter#close(java.time.Duration)} could not store.
 *
 * @param notStored rows that will never be stored: dropped while closing (store unavailable, refused) or still
 *                  waiting when the close timeout passed
 * @param outcomeUnknown rows of a store call that had not returned when the close timeout passed: the store may
 *                       still commit them
 * @param lastError the last store error, if any
 */
public record CloseReport(List<Object> notStored, List<Object> outcomeUnknown, Optional<String> lastError) {
    static final CloseReport EMPTY = new CloseReport(List.of(), List.of(), Optional.empty());

    public CloseReport {
        notStored = List.copyOf(requireNonNull(notStored, "notStored is null"));
        outcomeUnknown = List.copyOf(requireNonNull(outcomeUnknown, "outcomeUnknown is null"));
        requireNonNull(lastError, "lastError is null");
    }

    /** @return whether everything was stored */
    public boolean isEmpty() {
        return notStored.isEmpty() && outcomeUnknown.isEmpty();
    }

    /** @return one line for a log or an error message */
    public String describe() {
        if (isEmpty()) {
            return "everything was stored";
        }
        return notStored.size() + " rows not stored, " + outcomeUnknown.size()
                + " rows in a store call that had not returned (they may still be stored)"
                + lastError.map(error -> "; last store error: " + error).orElse("");
    }
}
