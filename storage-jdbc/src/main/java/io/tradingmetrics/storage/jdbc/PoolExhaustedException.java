package io.tradingmetrics.storage.jdbc;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Every connection of the store is in use and none came free in the wait: the store is busy, not down. Thrown by a
 * {@link ConnectionSource} so that {@link SqlErrorTranslator} says so instead of blaming the server.
 */
public final class PoolExhaustedException extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * @param busy the connections in use
     * @param waited how long the caller waited for one
     * @param sizeSetting the setting that sizes the pool, for the way out (for example
     *        {@code metrics.store.timescale.pool-size})
     */
    public PoolExhaustedException(int busy, Duration waited, String sizeSetting) {
        super("connection pool exhausted: " + busy + " connections busy, waited "
                + Durations.describe(requireNonNull(waited, "waited is null")) + "; raise "
                + requireNonNull(sizeSetting, "sizeSetting is null") + " or lower concurrency", "53300");
    }
}
