package io.tradingmetrics.maintenance;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.RetentionReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Runs retention and {@link MetricsStore#optimize()} on a {@link MaintenanceSchedule}, on one daemon thread of its
 * own: {@link #start()} only starts the thread, no run ever happens on the caller's thread, and runs never overlap
 * (one thread runs them, one after the other; a run that lasts past the next due time is followed by one run, not by
 * a burst of the missed ones). A run that fails is logged and the next due run tries again; nothing a run throws
 * ends the thread. Every run is logged in one line (rows removed per table, space reclaimed, durations); a run
 * refused by a retention guard is logged at ERROR with the way out.
 *
 * <p>The clock is read for the due times and for retention's cutoffs; the thread re-reads it at least every
 * {@code recheck}, so that a clock that jumps (or a test's clock that is moved) is followed within it.
 * {@link #close()} stops the thread, waiting for a run in progress; the store is the caller's to close after.
 */
public final class MaintenanceScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceScheduler.class);
    /** How often a waiting scheduler re-reads the clock by default. */
    public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(30);
    /** How long {@link #close()} waits for a run in progress before interrupting it. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final MetricsStore store;
    private final RetentionPolicy policy;
    private final MaintenanceSchedule schedule;
    private final boolean optimize;
    private final Clock clock;
    private final Duration recheck;
    private final Consumer<MaintenanceRun> listener;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final List<CompletableFuture<MaintenanceRun>> requested = new ArrayList<>();
    private Thread thread;
    private boolean closed;
    private volatile Instant nextDue;
    private volatile MaintenanceRun lastRun;

    /**
     * @param store the store to maintain; the caller closes it, after this scheduler
     * @param policy the retention policy ({@link RetentionPolicy#keepForever()} for optimize() alone)
     * @param schedule when to run
     * @param optimize whether a run calls {@link MetricsStore#optimize()} after retention
     * @param clock what "now" is, for due times and cutoffs ({@link Clock#systemUTC()})
     * @param recheck how often a waiting scheduler re-reads the clock, {@link #DEFAULT_RECHECK}
     * @param listener told of every run after it is logged, on the scheduler's thread (what it throws is logged)
     */
    public MaintenanceScheduler(MetricsStore store, RetentionPolicy policy, MaintenanceSchedule schedule,
                                boolean optimize, Clock clock, Duration recheck, Consumer<MaintenanceRun> listener) {
        this.store = requireNonNull(store, "store is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.schedule = requireNonNull(schedule, "schedule is null");
        this.optimize = optimize;
        this.clock = requireNonNull(clock, "clock is null");
        this.recheck = requireNonNull(recheck, "recheck is null");
        if (recheck.isNegative() || recheck.isZero()) {
            throw new IllegalArgumentException("recheck must be positive: " + recheck);
        }
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** @return a scheduler on the system clock that tells no listener */
    public static MaintenanceScheduler of(MetricsStore store, RetentionPolicy policy, MaintenanceSchedule schedule,
                                          boolean optimize) {
        return new MaintenanceScheduler(store, policy, schedule, optimize, Clock.systemUTC(), DEFAULT_RECHECK,
                run -> { });
    }

    /**
     * Starts the scheduler's thread; the first run is at the schedule's first due time after now.
     *
     * @return this scheduler
     * @throws IllegalStateException when it was started or closed before
     */
    public MaintenanceScheduler start() {
        lock.lock();
        try {
            if (thread != null || closed) {
                throw new IllegalStateException("the maintenance scheduler was " + (closed ? "closed" : "started")
                        + " already; create a new one");
            }
            thread = new Thread(this::loop, "metrics-maintenance");
            thread.setDaemon(true);
            thread.start();
        } finally {
            lock.unlock();
        }
        LOG.info("maintenance scheduled {}: retention {}{}", schedule, describe(policy),
                optimize ? ", then optimize()" : "");
        return this;
    }

    /**
     * Asks for a run now, on the scheduler's thread, after the run in progress if there is one.
     *
     * @return completed with the run (a failed run too: see {@link MaintenanceRun#failed()})
     * @throws IllegalStateException when the scheduler is not running
     */
    public CompletableFuture<MaintenanceRun> runNow() {
        CompletableFuture<MaintenanceRun> run = new CompletableFuture<>();
        lock.lock();
        try {
            if (thread == null || closed) {
                throw new IllegalStateException("the maintenance scheduler is not running; start it first");
            }
            requested.add(run);
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        return run;
    }

    /** @return when the next scheduled run is due, empty before the thread computed it or after close */
    public Optional<Instant> nextDue() {
        return Optional.ofNullable(nextDue);
    }

    /** @return the last finished run, empty before the first */
    public Optional<MaintenanceRun> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    /** Stops the thread; a run in progress is waited for (then interrupted after 30 s). Idempotent. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        try {
            running.join(CLOSE_WAIT.toMillis());
            if (running.isAlive()) {
                LOG.warn("maintenance run still in progress after {}; interrupting it", CLOSE_WAIT);
                running.interrupt();
                running.join(CLOSE_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        Instant started = clock.instant();
        nextDue = schedule.nextAfter(started, started);
        while (true) {
            List<CompletableFuture<MaintenanceRun>> waiting;
            lock.lock();
            try {
                while (!closed && requested.isEmpty() && clock.instant().isBefore(nextDue)) {
                    Duration left = Duration.between(clock.instant(), nextDue);
                    long nanos = Math.max(1, Math.min(left.toNanos(), recheck.toNanos()));
                    try {
                        wake.awaitNanos(nanos);
                    } catch (InterruptedException e) {
                        // Only close() interrupts, after setting closed.
                    }
                }
                if (closed) {
                    nextDue = null;
                    requested.forEach(r -> r.cancel(false));
                    return;
                }
                waiting = new ArrayList<>(requested);
                requested.clear();
            } finally {
                lock.unlock();
            }
            MaintenanceRun run = runOnce();
            waiting.forEach(r -> r.complete(run));
            Instant now = clock.instant();
            if (!now.isBefore(nextDue)) {
                // Due times missed while the run lasted are skipped: the next is the first one after now.
                nextDue = schedule.nextAfter(now, started);
            }
        }
    }

    /** One run; never throws, so that no run ends the thread. */
    private MaintenanceRun runOnce() {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        List<String> failures = new ArrayList<>();
        OptionalLong before = size(failures);
        Optional<RetentionReport> retention = Optional.empty();
        try {
            retention = Optional.of(store.applyRetention(policy, started));
        } catch (RuntimeException | Error e) {
            failures.add("retention: " + e.getMessage());
            LOG.debug("retention failed", e);
        }
        Optional<Duration> optimizeTook = Optional.empty();
        if (optimize) {
            long optimizeStart = System.nanoTime();
            try {
                store.optimize();
                optimizeTook = Optional.of(Duration.ofNanos(System.nanoTime() - optimizeStart));
            } catch (RuntimeException | Error e) {
                failures.add("optimize: " + e.getMessage());
                LOG.debug("optimize failed", e);
            }
        }
        OptionalLong after = size(failures);
        MaintenanceRun run = new MaintenanceRun(started, retention, optimizeTook, before, after,
                Duration.ofNanos(System.nanoTime() - startNanos), failures);
        lastRun = run;
        log(run);
        try {
            listener.accept(run);
        } catch (RuntimeException | Error e) {
            LOG.warn("the maintenance listener failed: {}", e.toString());
        }
        return run;
    }

    private OptionalLong size(List<String> failures) {
        try {
            return store.bytesOnDisk();
        } catch (RuntimeException e) {
            if (failures.isEmpty()) {
                failures.add("size: " + e.getMessage());
            }
            return OptionalLong.empty();
        }
    }

    private void log(MaintenanceRun run) {
        if (run.failed()) {
            LOG.error("maintenance run FAILED: {}; the next scheduled run tries again", run.summary());
        } else if (run.refused()) {
            LOG.error("maintenance run: {}", run.summary());
        } else {
            LOG.info("maintenance run: {}", run.summary());
        }
    }

    private static String describe(RetentionPolicy policy) {
        if (policy.keepsEverything()) {
            return "keeps everything";
        }
        StringBuilder text = new StringBuilder("keeps ");
        policy.tables().forEach((table, keep) -> text.append(table.tableName()).append(' ').append(keep).append(", "));
        policy.rollups().forEach((level, keep) -> text.append("rollups ").append(level).append(' ').append(keep)
                .append(", "));
        text.setLength(text.length() - 2);
        return text.append(" (the rest forever)").toString();
    }
}
