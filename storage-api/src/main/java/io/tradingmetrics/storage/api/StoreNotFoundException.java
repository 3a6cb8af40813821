package io.tradingmetrics.storage.api;

/**
 * The store that was asked for does not exist (a database file that is not there), and the store was opened in a way
 * that never creates one, such as for reading only. The message names where the store was looked for.
 */
public class StoreNotFoundException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public StoreNotFoundException(String message) {
        super(message);
    }

    public StoreNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
