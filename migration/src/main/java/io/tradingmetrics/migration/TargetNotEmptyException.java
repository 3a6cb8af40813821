package io.tradingmetrics.migration;

/**
 * The target already holds rows in the tables and time range to copy, and neither an append was asked for nor does
 * a checkpoint of the same migration exist. Nothing was written.
 */
public class TargetNotEmptyException extends MigrationException {
    private static final long serialVersionUID = 1L;

    public TargetNotEmptyException(String message) {
        super(message);
    }
}
