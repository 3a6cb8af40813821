package io.tradingmetrics.migration;

/** Another process (or thread) is running the same migration right now; nothing was written. */
public class MigrationInProgressException extends MigrationException {
    private static final long serialVersionUID = 1L;

    public MigrationInProgressException(String message) {
        super(message);
    }
}
