package io.tradingmetrics.storage.api;

import static java.util.Objects.requireNonNull;

/**
 * A write was sent for commit but the store could not learn whether it committed: the connection was lost during
 * the commit, and checking the write's id afterwards failed too. The rows are either all stored or none are.
 *
 * <p>Not a {@link StoreUnavailableException}, on purpose: retrying blindly could store the batch twice. Retry with
 * the same {@link #writeId()} (for example {@link MetricsStore#insertMetrics(java.util.Collection, WriteId)}): the
 * store then writes the batch only if the first attempt did not commit.
 */
public class WriteOutcomeUnknownException extends MetricsStoreException {
    private static final long serialVersionUID = 1L;

    private final WriteId writeId;

    public WriteOutcomeUnknownException(String message, WriteId writeId, Throwable cause) {
        super(message, cause);
        this.writeId = requireNonNull(writeId, "writeId is null");
    }

    /** @return the id of the write whose outcome is unknown, to retry it with */
    public WriteId writeId() {
        return writeId;
    }
}
