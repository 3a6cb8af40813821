package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The background thread that owns the secondary: opens it (retrying while it is down), checks that it is the store
 * the state names, replays the outbox into it in order, copies from the primary what it missed while mirroring was
 * stopped, and lets go of it while a {@link SecondaryHold} is requested. It never touches the caller's thread: a
 * failure is recorded ({@code lastReplayError}) and retried with a growing wait.
 */
final class Mirror implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);

    private final DualMetricsStore store;
    private final DualStoreConfig config;
    private final Path directory;
    private final ReentrantLock signal = new ReentrantLock();
    private final Condition work = signal.newCondition();
    private final Thread thread;
    private final StatusWriter status;
    private volatile boolean stopping;
    private volatile MetricsStore secondary;
    private volatile long applied;
    /** The record being replayed and when it was accepted: the exact age, while it is the oldest waiting. */
    private volatile Waiting replaying;
    private volatile Optional<String> lastError = Optional.empty();
    private volatile String heldToken;
    private Outbox.Reader reader;
    private Outbox.Frame inFlight;
    private Duration backoff;

    Mirror(DualMetricsStore store, long applied) {
        this.store = store;
        this.config = store.config();
        this.directory = config.outboxDirectory();
        this.applied = applied;
        this.backoff = config.replayInitialBackoff();
        this.thread = new Thread(this, "dual-store-mirror");
        thread.setDaemon(true);
        this.status = new StatusWriter(DualState.STATE_INTERVAL, store::persistStatus);
    }

    void start() {
        thread.start();
        status.start();
    }

    /** Wakes the thread: a write was resolved. */
    void wake() {
        signal.lock();
        try {
            work.signalAll();
        } finally {
            signal.unlock();
        }
    }

    long applied() {
        return applied;
    }

    Optional<MetricsStore> secondary() {
        return Optional.ofNullable(secondary);
    }

    Optional<String> lastError() {
        return lastError;
    }

    /**
     * @return when the oldest write waiting for the secondary was accepted: exact for the record being replayed,
     *         otherwise (the secondary held or not open) from the outbox's index, at most 100 ms early
     */
    Optional<Instant> oldestWaiting() {
        long next = applied + 1;
        if (next > store.outbox().lastSeq()) {
            return Optional.empty();
        }
        Waiting known = replaying;
        if (known != null && known.seq() == next) {
            return Optional.of(known.acceptedAt());
        }
        return store.outbox().acceptedAround(next);
    }

    private record Waiting(long seq, Instant acceptedAt) {}

    /** A new secondary: it gets only the records from here on (the backfill copies what came before). */
    synchronized void restartAt(long seq) {
        applied = seq;
        inFlight = null;
        inFlightMarkerSeq = -1;
        closeReader();
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                if (held() || !ensureSecondary()) {
                    continue;
                }
                if (!store.stopped() && store.state().hasGaps()) {
                    catchUp();
                    succeeded();
                    continue;
                }
                if (yieldingToWrites()) {
                    continue;
                }
                if (!replayOne()) {
                    idle();
                } else {
                    succeeded();
                }
            } catch (RuntimeException | IOException e) {
                failed(e);
            }
        }
        persist();
        closeReader();
        closeSecondary();
    }

    /**
     * On two cores the secondary's write (pgjdbc and the server, or DuckDB's threads) takes half the machine from the
     * app's write to the primary; while the app is writing, replay waits for its pauses, unless the oldest write
     * waiting is older than {@code replay.yield-to-writes}. Then it replays alongside, just enough to stay within it.
     *
     * @return whether it yields (then this waited a pause)
     */
    private boolean yieldingToWrites() {
        Duration window = config.replayYieldToWrites();
        if (window.isZero() || stopping || !store.writing()) {
            return false;
        }
        Optional<Instant> oldest = oldestWaiting();
        if (oldest.isEmpty() || Duration.between(oldest.get(), Instant.now()).compareTo(window) >= 0) {
            return false;
        }
        await(WriteActivity.PAUSE);
        return true;
    }

    /** @return whether a record was applied */
    private synchronized boolean replayOne() throws IOException {
        if (inFlight == null) {
            if (reader == null) {
                reader = store.outbox().reader(applied + 1);
            }
            inFlight = reader.nextData();
            if (inFlight == null) {
                return false;
            }
            replaying = new Waiting(inFlight.seq(), Instant.ofEpochMilli(inFlight.acceptedAtMillis()));
        }
        if (store.resolvedSeq() < inFlight.seq()) {
            return false; // the caller is still writing it to the primary
        }
        byte marker = markerOf(inFlight);
        if (marker != Outbox.CANCEL) {
            MirroredWrite write = WriteCodec.decode(inFlight.payload().duplicate());
            if (marker == Outbox.IN_DOUBT) {
                Applier.direct(store.primary(), write); // stores nothing when the primary has it already
            }
            Applier.mirrored(store.primary(), secondary, write, store.state()::boundary);
            if (write instanceof MirroredWrite.DeleteRange || write instanceof MirroredWrite.DeleteOlder) {
                applied = inFlight.seq();
                inFlight = null;
                store.outbox().forgetAcceptedBefore(applied + 1);
                persist(); // replaying a delete after later writes would undo them
                return true;
            }
        }
        applied = inFlight.seq();
        inFlight = null;
        store.outbox().forgetAcceptedBefore(applied + 1);
        if (store.outbox().deletable(applied)) {
            persist(); // frees the segment now: a full outbox takes writes again as soon as it has drained
        } else {
            store.recordApplied(applied); // on disk with the next state write, at most STATE_INTERVAL from now
        }
        return true;
    }

    private byte inFlightMarker = -1;
    private long inFlightMarkerSeq = -1;

    private byte markerOf(Outbox.Frame frame) throws IOException {
        if (inFlightMarkerSeq != frame.seq()) {
            inFlightMarker = reader.markerFor(frame.seq());
            inFlightMarkerSeq = frame.seq();
        }
        return inFlightMarker;
    }

    private void catchUp() {
        for (StoreTable table : StoreTable.values()) {
            for (TimeRange range : store.state().gaps(table)) {
                LOG.info("dual store: copying {} {} .. {} from the primary into the secondary (missed while mirroring"
                        + " was stopped)", table.tableName(), range.from(), range.to());
                Applier.replace(store.primary(), secondary, table, range);
                store.gapCopied(table, range);
            }
        }
        LOG.info("dual store: the secondary has caught up; it holds every write again");
        persist();
    }

    private void idle() {
        if (store.stopped() && applied >= store.outbox().lastSeq() && inFlight == null) {
            store.resumeMirroring();
            return;
        }
        await(Duration.ofMillis(100));
    }

    private void succeeded() {
        if (lastError.isPresent()) {
            LOG.info("dual store: the secondary takes writes again");
        }
        lastError = Optional.empty();
        backoff = config.replayInitialBackoff();
    }

    private void failed(Exception e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (!lastError.map(message::equals).orElse(false)) {
            LOG.warn("dual store: the secondary ({}) cannot take writes now: {}; they wait in the outbox {} and are "
                    + "replayed when it answers", config.secondary().describe(), message, directory);
        }
        lastError = Optional.of(message);
        await(backoff);
        backoff = backoff.multipliedBy(2).compareTo(config.replayMaxBackoff()) > 0 ? config.replayMaxBackoff()
                : backoff.multipliedBy(2);
    }

    /** @return whether the secondary is held (then this waited a little) */
    private boolean held() {
        Optional<String> token = SecondaryHold.requestToken(directory);
        if (token.isEmpty()) {
            if (heldToken != null) {
                heldToken = null;
                try {
                    Files.deleteIfExists(directory.resolve(SecondaryHold.RELEASED));
                } catch (IOException ignored) {
                    // the next hold overwrites it
                }
                LOG.info("dual store: the hold on the secondary was released; mirroring resumes");
            }
            return false;
        }
        if (!token.get().equals(heldToken)) {
            LOG.info("dual store: the secondary is held ({}); writes wait in the outbox",
                    SecondaryHold.describe(directory).orElse("a hold"));
            synchronized (this) {
                closeReader();
                inFlight = null;
                inFlightMarkerSeq = -1;
            }
            closeSecondary();
            // The holder reads where the secondary stopped (DualState.pendingWrites): on disk before it is let go.
            persist();
            try {
                Files.writeString(directory.resolve(SecondaryHold.RELEASED), token.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                failed(e);
                return true;
            }
            heldToken = token.get();
        }
        await(Duration.ofMillis(100));
        return true;
    }

    private boolean ensureSecondary() {
        if (secondary != null) {
            return true;
        }
        MetricsStore opened = config.secondary().open(OpenMode.CONFIGURED);
        try {
            store.adoptSecondary(opened);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        secondary = opened;
        LOG.info("dual store: mirroring to the secondary {}", config.secondary().describe());
        return true;
    }

    private void closeSecondary() {
        MetricsStore open = secondary;
        secondary = null;
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException e) {
                LOG.warn("dual store: closing the secondary failed: {}", e.getMessage());
            }
        }
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    /** Writes the state now, where a later write depends on it being on disk (the status writer does it otherwise). */
    private void persist() {
        try {
            store.persistMirror(applied);
        } catch (RuntimeException e) {
            LOG.warn("dual store: {}", e.getMessage());
        }
    }

    private void await(Duration duration) {
        signal.lock();
        try {
            if (!stopping) {
                work.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            signal.unlock();
        }
    }

    /**
     * Waits until the mirror has applied every record the outbox holds now, for a clean close: a stopped app leaves
     * both stores with what it acknowledged. Gives up at the timeout, while the secondary is held, or when it cannot
     * be written (then the records wait in the outbox for the next start, as after kill -9).
     *
     * @return whether everything was applied
     */
    boolean drain(Duration timeout) {
        long target = store.outbox().lastSeq();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied < target) {
            boolean unreachable = secondary == null && lastError.isPresent();
            if (System.nanoTime() >= deadline || !thread.isAlive() || heldToken != null || unreachable) {
                return false;
            }
            wake();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Stops the thread, waiting up to the timeout for the record it is applying. */
    void stop(Duration timeout) {
        stopping = true;
        status.close(); // the mirror's thread writes the last state as it ends
        wake();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("dual store: the mirror did not finish its record within {}; it is replayed at the next open",
                    timeout);
            closeSecondary();
        }
    }
}
