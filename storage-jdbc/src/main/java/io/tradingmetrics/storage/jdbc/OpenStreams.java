package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.Cleaner;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * The streams a store handed out and that are not yet closed. Each holds a connection and a result set (server-side
 * memory, a pooled connection, DuckDB buffers), so they are bounded, ended when the store closes, and reclaimed when
 * the caller drops one without closing it: a {@link Cleaner} closes the resources of a stream that became
 * unreachable and logs where it was opened. When the bound is reached, a garbage collection is asked for first, so
 * that abandoned streams free their places before a new stream is refused.
 */
final class OpenStreams {
    private static final Logger LOG = LoggerFactory.getLogger(OpenStreams.class);
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "metrics-stream-reclaimer");
        thread.setDaemon(true);
        return thread;
    });
    private static final int RECLAIM_ATTEMPTS = 3;
    private static final long RECLAIM_WAIT_MILLIS = 200;
    private static final long END_WAIT_SECONDS = 5;

    private final String storeDescription;
    private final int limit;
    private final Semaphore places;
    private final Set<Handle> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong opened = new AtomicLong();
    private volatile boolean closed;

    OpenStreams(String storeDescription, int limit) {
        this.storeDescription = requireNonNull(storeDescription, "storeDescription is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " is not positive");
        }
        this.limit = limit;
        this.places = new Semaphore(limit);
    }

    /**
     * Takes a place for a new stream.
     *
     * @throws MetricsStoreException when as many streams as the limit are open, naming where the oldest was opened
     */
    Handle open(String action) {
        if (!places.tryAcquire() && !reclaimAndAcquire()) {
            String oldest = open.stream().min(Comparator.comparingLong(h -> h.sequence))
                    .map(h -> h.openedAt).orElse("unknown");
            throw new MetricsStoreException("cannot " + action + " in " + storeDescription + ": " + limit
                    + " streams of this store are open and not closed, the most it keeps (each holds a connection);"
                    + " close every stream when done (try-with-resources); the oldest open one was opened at "
                    + oldest);
        }
        Handle handle = new Handle(this, action, opened.incrementAndGet(), callerFrame());
        open.add(handle);
        if (closed) {
            handle.close();
            throw closedStore();
        }
        return handle;
    }

    /** Abandoned streams are only found by a collection: ask for one and give their cleaner time to run. */
    private boolean reclaimAndAcquire() {
        try {
            for (int attempt = 0; attempt < RECLAIM_ATTEMPTS; attempt++) {
                System.gc();
                if (places.tryAcquire(RECLAIM_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** @return how many streams are open now */
    int openCount() {
        return open.size();
    }

    /** Ends every open stream: their readers get an error saying the store was closed, not a short stream. */
    void closeAll() {
        closed = true;
        for (Handle handle : open) {
            handle.end("the store was closed while the stream was being read; read it again from an open store");
        }
    }

    private StoreUnavailableException closedStore() {
        return new StoreUnavailableException("the store of " + storeDescription + " is closed; open a new store");
    }

    /** The first frame outside the store's own classes: the caller that opened the stream. */
    private static String callerFrame() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(frame -> !isStoreFrame(frame.getDeclaringClass()))
                .findFirst().map(StackWalker.StackFrame::toStackTraceElement).map(String::valueOf)
                .orElse("unknown"));
    }

    private static boolean isStoreFrame(Class<?> type) {
        return type == OpenStreams.class || type == JdbcExecutor.class || type == ResultSetStream.class
                || JdbcMetricsStore.class.isAssignableFrom(type);
    }

    /**
     * One open stream: serializes reading with ending it (a result set is never closed under a reader), and is the
     * cleaning action of its stream, so it must never refer to the stream or its spliterator.
     */
    static final class Handle implements Runnable {
        private final OpenStreams owner;
        private final String action;
        private final long sequence;
        private final String openedAt;
        private final ReentrantLock lock = new ReentrantLock();
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile String endedBecause;
        private volatile Statement statement;
        private volatile Runnable release = () -> { };
        private volatile Cleaner.Cleanable cleanable;

        private Handle(OpenStreams owner, String action, long sequence, String openedAt) {
            this.owner = owner;
            this.action = action;
            this.sequence = sequence;
            this.openedAt = openedAt;
        }

        /** Gives the handle the resources to close when the stream ends. */
        void attach(Statement statement, Runnable release) {
            this.statement = requireNonNull(statement, "statement is null");
            this.release = requireNonNull(release, "release is null");
        }

        /** Releases the resources when the object (the stream's spliterator) becomes unreachable. */
        void watch(Object watched) {
            this.cleanable = CLEANER.register(requireNonNull(watched, "watched is null"), this);
        }

        void lock() {
            lock.lock();
        }

        void unlock() {
            lock.unlock();
        }

        /** @return whether the stream's resources are gone; throws when they were taken away from its reader */
        boolean isReleased() {
            if (!released.get()) {
                return false;
            }
            throwIfEnded();
            return true;
        }

        /** @throws StoreUnavailableException when the stream was ended by the store rather than by its reader */
        void throwIfEnded() {
            String reason = endedBecause;
            if (reason != null) {
                throw new StoreUnavailableException("cannot " + action + " in " + owner.storeDescription + ": "
                        + reason);
            }
        }

        /** Closed by its reader, or read to the end. */
        void close() {
            releaseNow();
            Cleaner.Cleanable registered = cleanable;
            if (registered != null) {
                registered.clean(); // unregisters; run() sees the stream released and does nothing
            }
        }

        /** Ended from outside (the store closes): interrupts a read in progress, then closes once it returned. */
        void end(String reason) {
            endedBecause = reason;
            Statement running = statement;
            if (running != null && !released.get()) {
                try {
                    running.cancel();
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("cancelling a stream of {} failed", owner.storeDescription, e);
                }
            }
            try {
                if (lock.tryLock(END_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    try {
                        releaseNow();
                    } finally {
                        lock.unlock();
                    }
                } else {
                    LOG.warn("a stream of {} opened at {} is still being read {} s after the store closed;"
                            + " its connection is closed with the store", owner.storeDescription, openedAt,
                            END_WAIT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The cleaner's action: the stream became unreachable. */
        @Override
        public void run() {
            if (released.get()) {
                return;
            }
            LOG.warn("a stream ({} in {}) opened at {} was dropped without being closed; its connection and result"
                    + " set are released now. Close every stream when done (try-with-resources)", action,
                    owner.storeDescription, openedAt);
            endedBecause = "the stream was dropped without being closed";
            releaseNow();
        }

        private void releaseNow() {
            if (released.compareAndSet(false, true)) {
                try {
                    release.run();
                } finally {
                    owner.open.remove(this);
                    owner.places.release();
                }
            }
        }
    }
}
