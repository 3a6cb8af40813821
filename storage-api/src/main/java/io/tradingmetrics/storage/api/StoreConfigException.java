package io.tradingmetrics.storage.api;

/** The configuration names an unknown store, an unknown key, or a value that cannot be used. */
public class StoreConfigException extends MetricsStoreException {
    private static final long serialVersionUID = 1L;

    public StoreConfigException(String message) {
        super(message);
    }

    public StoreConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
