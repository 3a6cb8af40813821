package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreUnavailableException;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The catch-up command's entry point, for when the app is not running: opens the dual store, which replays the
 * outbox into the secondary and copies from the primary every range the secondary missed while mirroring was
 * stopped, waits until the secondary has everything, and closes. A running app does the same by itself once the
 * secondary answers again (watch {@link DualMetricsStore#status()}); then this refuses, since the outbox directory
 * is the app's.
 */
public final class DualCatchUp {
    private DualCatchUp() {}

    /**
     * @param config the dual store's settings
     * @param timeout how long to wait for the secondary to catch up
     * @return the status at the end: {@link DualStatus#needsCatchUp()} false and no write waiting
     * @throws StoreUnavailableException when the app holds the outbox directory, a store cannot be opened, or the
     *         secondary had not caught up within the timeout (nothing is lost: run it again)
     */
    public static DualStatus run(DualStoreConfig config, Duration timeout) {
        requireNonNull(config, "config is null");
        requireNonNull(timeout, "timeout is null");
        try (DualMetricsStore store = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            if (!store.awaitCaughtUp(timeout)) {
                DualStatus status = store.status();
                throw new StoreUnavailableException("the secondary of the dual store in " + config.outboxDirectory()
                        + " has not caught up within " + timeout + " (" + status.outboxRecords()
                        + " writes waiting, last error: " + status.lastReplayError().orElse("none")
                        + "); run the catch-up again, or check the secondary");
            }
            return store.status();
        }
    }
}
