package io.tradingmetrics.cli.migration;

import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.storage.dual.DualStatus;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** Waiting, from outside the app, for its dual store's mirror to reach a point, by reading the state it writes. */
final class MirrorWait {
    private static final long POLL_MILLIS = 200;

    private MirrorWait() {}

    /**
     * Returns once every write the app accepted before {@code instant} is in the secondary: nothing older waits in
     * the outbox, and no range is left to catch up.
     *
     * @throws MigrationException when that did not happen within the timeout
     */
    static DualStatus untilMirrored(DualPair pair, Instant instant, Duration timeout, PrintWriter err) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        while (true) {
            DualStatus status = pair.status();
            boolean drained = status.oldestWaiting().map(oldest -> !oldest.isBefore(instant)).orElse(true);
            if (drained && status.mirroring() && !status.needsCatchUp() && status.held().isEmpty()) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new MigrationException("the app has not mirrored into " + pair.secondary().describe()
                        + " what it accepted before " + instant + " within " + timeout + " (" + status.outboxRecords()
                        + " writes waiting since " + status.oldestWaiting().map(Instant::toString).orElse("-")
                        + (status.mirroring() ? "" : ", mirroring stopped")
                        + (status.needsCatchUp() ? ", a catch-up pending" : "")
                        + status.held().map(h -> ", the secondary held by " + h).orElse("")
                        + ", last replay error: " + status.lastReplayError().orElse("none") + "); check that the app"
                        + " runs and the secondary answers, then run the command again");
            }
            if (!told) {
                err.println("waiting for the app to mirror what it accepted before " + instant + " ("
                        + status.outboxRecords() + " writes waiting)");
                told = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrationException("interrupted while waiting for the app's mirror", e);
            }
        }
    }
}
