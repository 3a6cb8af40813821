package io.tradingmetrics.storage.jdbc.rollup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The thread that runs a writable store's rollup refresh at a fixed pause, off the writers' threads. A failed run
 * is logged once as a warning (then quietly until a run succeeds again) and retried at the next one: until then
 * aggregations read the points not yet refreshed from the raw table, so nothing is wrong, only slower.
 */
public final class RollupRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RollupRefresher.class);

    private final ScheduledExecutorService executor;
    private final Runnable refresh;
    private boolean failing;

    public RollupRefresher(String storeDescription, Duration interval, Runnable refresh) {
        requireNonNull(storeDescription, "storeDescription is null");
        requireNonNull(interval, "interval is null");
        this.refresh = requireNonNull(refresh, "refresh is null");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metrics-rollup-refresh " + storeDescription);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            refresh.run();
            if (failing) {
                failing = false;
                LOG.info("the rollup refresh works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("the rollup refresh failed, retried at its next run (aggregations read the newest points"
                        + " from the raw table meanwhile): {}", e.getMessage());
            } else {
                LOG.debug("the rollup refresh failed again", e);
            }
        }
    }

    /** Stops the refresh, waiting for a run under way to end, so that the store can close its connections. */
    @Override
    public void close() {
        executor.shutdown(); // no interrupt: a run under way ends its transaction
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a rollup refresh still runs 30 s after the store began to close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
