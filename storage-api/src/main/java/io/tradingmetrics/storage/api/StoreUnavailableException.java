package io.tradingmetrics.storage.api;

/**
 * The store cannot be reached or opened right now: a server that does not answer, a dropped connection,
 * or a file locked by another process. Retrying later, or opening read-only, may succeed.
 */
public class StoreUnavailableException extends MetricsStoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
