package io.tradingmetrics.storage.dual;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

import static java.util.Objects.requireNonNull;

/**
 * Rewrites the state file at a fixed interval on a thread of its own. The mirror's thread cannot be trusted with it:
 * a replay into a secondary whose server just went away blocks it for as long as the secondary's connect timeout, and
 * the outbox depth that readers of the directory ({@link DualState#read}, the runbook's commands, monitoring) see
 * must not stand still while the outbox fills up.
 */
final class StatusWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

    private final Duration every;
    private final Runnable write;
    private final Thread thread;
    private volatile boolean stopping;
    private String lastFailure;

    /**
     * @param every the interval
     * @param write writes the state; a failure is logged (once per message) and tried again at the next interval
     */
    StatusWriter(Duration every, Runnable write) {
        this.every = requireNonNull(every, "every is null");
        this.write = requireNonNull(write, "write is null");
        this.thread = new Thread(this::run, "dual-store-status");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (!stopping) {
            LockSupport.parkNanos(every.toNanos());
            if (stopping) {
                return;
            }
            try {
                write.run();
                lastFailure = null;
            } catch (RuntimeException e) {
                if (!Objects.equals(lastFailure, e.getMessage())) {
                    LOG.warn("dual store: {}", e.getMessage());
                }
                lastFailure = e.getMessage();
            }
        }
    }

    /** Stops the thread; the store writes its last state itself when it closes. */
    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(every.toMillis() * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
