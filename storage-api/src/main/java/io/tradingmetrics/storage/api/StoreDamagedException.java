package io.tradingmetrics.storage.api;

/**
 * The stored data cannot be read back as it was written: a file overwritten or cut short, a block whose checksum
 * does not match. Retrying does not help; the way out is to restore the store from an export or a backup.
 */
public class StoreDamagedException extends MetricsStoreException {
    private static final long serialVersionUID = 1L;

    public StoreDamagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
