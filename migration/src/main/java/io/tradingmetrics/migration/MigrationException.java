package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricsStoreException;

/** A copy, verification, export or import could not be done; the message says why and what to do. */
public class MigrationException extends MetricsStoreException {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
