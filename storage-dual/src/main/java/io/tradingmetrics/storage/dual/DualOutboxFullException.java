package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.StoreUnavailableException;

/**
 * A write refused because the dual store's outbox is full and {@code on-outbox-full = fail-writes}: nothing was
 * stored. Retrying succeeds once the secondary takes the waiting writes again.
 */
public class DualOutboxFullException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public DualOutboxFullException(String message) {
        super(message);
    }
}
