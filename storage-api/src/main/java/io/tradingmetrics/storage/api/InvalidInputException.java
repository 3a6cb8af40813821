package io.tradingmetrics.storage.api;

/** A value or query given by the caller is not acceptable; nothing was written. */
public class InvalidInputException extends MetricsStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    /** @param cause what the database said, kept for diagnostics */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
