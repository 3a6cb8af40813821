package io.tradingmetrics.storage.api;

/**
 * Root of every error a store reports. Messages name the cause and the way out, so that an operator can act
 * on the message alone. Subclasses say which kind of problem it is.
 */
public class MetricsStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetricsStoreException(String message) {
        super(message);
    }

    public MetricsStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
