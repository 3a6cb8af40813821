package io.tradingmetrics.storage.api;

/** The database schema is missing, outdated, newer than this code, or cannot be adopted or migrated. */
public class SchemaException extends MetricsStoreException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
