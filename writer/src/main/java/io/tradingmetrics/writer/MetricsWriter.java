package io.tradingmetrics.writer;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Writes rows into a {@link MetricsStore} from a background thread, so that the threads that produce them never
 * wait on the database. {@code write} puts a row into a bounded buffer and returns; one flusher thread stores what
 * waits when a batch is full or the flush interval has passed. Safe for any number of producer threads.
 *
 * <p>Nothing is dropped silently: when the buffer is full the {@link OverflowPolicy} decides, and every row that
 * will never be stored (dropped by the policy, refused by the store, the store unavailable for longer than the
 * retry time, or still buffered when a close times out) is counted in {@link #stats()} and reported to the
 * {@link WriterListener}s. Rows of one kind are stored in the order they were written; candles and snapshots keep
 * the store's rule that the last write of a key wins.
 *
 * <pre>{@code
 * try (MetricsWriter writer = MetricsWriter.create(store, WriterSettings.defaults())) {
 *     writer.write(MetricPoint.of(Instant.now(), "order_latency_ms", 0.42, "BTC-USD"));
 * } // close() stores what is buffered
 * }</pre>
 */
public final class MetricsWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsWriter.class);
    private static final AtomicLong WRITERS = new AtomicLong();

    private final WriterSettings settings;
    private final WriteBuffer buffer;
    private final BatchStorer storer;
    private final ListenerCalls listener;
    private final Thread flusher;
    private final Optional<Thread> shutdownHook;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** Generations in which the store side dropped rows (recent ones only), for {@link #flush(Duration)}. */
    private final ConcurrentSkipListSet<Long> droppedGenerations = new ConcurrentSkipListSet<>();
    private volatile WriteBuffer.Taken inFlight;
    private volatile long closeDeadline = Long.MAX_VALUE;
    private volatile boolean closed;

    private MetricsWriter(MetricsStore store, WriterSettings settings, List<WriterListener> listeners) {
        this.settings = requireNonNull(settings, "settings is null");
        this.buffer = new WriteBuffer(settings);
        this.listener = new ListenerCalls(listeners);
        this.storer = new BatchStorer(requireNonNull(store, "store is null"), settings, listener, () -> closeDeadline);
        String name = "metrics-writer-" + WRITERS.incrementAndGet();
        this.flusher = new Thread(this::flushLoop, name + "-flusher");
        this.flusher.setDaemon(true);
        this.flusher.start();
        this.shutdownHook = settings.closeOnShutdown() ? Optional.of(new Thread(this::closeQuietly, name + "-shutdown"))
                : Optional.empty();
        shutdownHook.ifPresent(hook -> Runtime.getRuntime().addShutdownHook(hook));
    }

    /** @return a started writer into the store; the store stays the caller's to close, after the writer */
    public static MetricsWriter create(MetricsStore store, WriterSettings settings, WriterListener... listeners) {
        return new MetricsWriter(store, settings, List.of(listeners));
    }

    /**
     * Buffers a metric point and returns without touching the database.
     *
     * @throws BufferFullException when the buffer is full and the policy is {@code FAIL}, or {@code BLOCK} and no
     *         room came within the block timeout
     * @throws WriterClosedException when the writer is closed
     */
    public void write(MetricPoint point) {
        offer(requireNonNull(point, "point is null"));
    }

    /**
     * Buffers points one by one, as {@link #write(MetricPoint)} does.
     *
     * @throws BufferFullException as {@link #write(MetricPoint)}; its message says how many of the points were taken
     */
    public void write(Collection<MetricPoint> points) {
        requireNonNull(points, "points is null");
        int taken = 0;
        try {
            for (MetricPoint point : points) {
                write(point);
                taken++;
            }
        } catch (BufferFullException e) {
            throw new BufferFullException(taken + " of the " + points.size() + " points were taken, the rest not: "
                    + e.getMessage());
        }
    }

    /** Buffers a candle (the last write of a (timestamp, symbol) wins); throws as {@link #write(MetricPoint)}. */
    public void write(Candle candle) {
        offer(requireNonNull(candle, "candle is null"));
    }

    /** Buffers a portfolio snapshot (the last write of a timestamp wins); throws as {@link #write(MetricPoint)}. */
    public void write(PerformanceSnapshot snapshot) {
        offer(requireNonNull(snapshot, "snapshot is null"));
    }

    private void offer(Object row) {
        WriteBuffer.Offer offer;
        try {
            offer = buffer.offer(row, RowSizes.estimate(row));
        } catch (BufferFullException e) {
            refused.incrementAndGet();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refused.incrementAndGet();
            throw new BufferFullException("interrupted while waiting for room in the metrics writer's buffer;"
                    + " the row was not taken");
        }
        if (!offer.droppedOldest().isEmpty()) {
            storer.drop(DropReason.BUFFER_FULL_OLDEST, offer.droppedOldest(), null);
        }
        if (offer.accepted()) {
            accepted.incrementAndGet();
        } else {
            storer.drop(DropReason.BUFFER_FULL_NEWEST, List.of(row), null);
        }
    }

    /**
     * Stores everything written before this call.
     *
     * @throws MetricsWriterException when some of those rows were dropped instead (see the listener), or the
     *         retry time passed without the store answering
     */
    public void flush() {
        if (!flush(settings.retryFor().plus(settings.maxBackoff()).plusSeconds(10))) {
            throw new MetricsWriterException("the metrics writer could not store its rows within "
                    + settings.retryFor() + "; last store error: " + storer.lastError.get());
        }
    }

    /**
     * Stores everything written before this call, waiting at most {@code timeout}.
     *
     * @return whether it was stored (or dropped and reported) within the timeout
     * @throws MetricsWriterException when some of those rows were dropped instead of stored
     */
    public boolean flush(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        long before = buffer.completedGeneration();
        long generation = buffer.requestFlush();
        boolean done;
        try {
            done = buffer.awaitCompleted(generation, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (done && !droppedGenerations.subSet(before + 1, true, generation, true).isEmpty()) {
            throw new MetricsWriterException("some rows written before this flush could not be stored and were"
                    + " dropped (see the writer's listener and stats); last store error: " + storer.lastError.get());
        }
        return done;
    }

    /** @return what the writer has done so far */
    public WriterStats stats() {
        return new WriterStats(accepted.get(), refused.get(), storer.stored.get(), storer.dropped.get(),
                storer.batches.get(), storer.retries.get(), buffer.heldRows(), buffer.heldBytes(),
                Optional.ofNullable(storer.lastError.get()));
    }

    private void flushLoop() {
        try {
            while (true) {
                WriteBuffer.Taken taken = buffer.take();
                if (taken.rows().isEmpty()) {
                    return;
                }
                inFlight = taken;
                try {
                    if (storer.storeAll(taken.rows())) {
                        droppedGenerations.add(taken.generation());
                        while (droppedGenerations.size() > 1_000) {
                            droppedGenerations.pollFirst();
                        }
                    }
                } finally {
                    inFlight = null;
                    buffer.release(taken);
                }
            }
        } catch (InterruptedException e) {
            log.debug("metrics writer flusher interrupted");
        } catch (RuntimeException | Error e) {
            log.error("metrics writer: the flusher stopped on an unexpected error; rows written now are not stored", e);
            throw e;
        }
    }

    /**
     * Stops taking rows and stores what is buffered, waiting at most {@code timeout}.
     *
     * @return what could not be stored (empty when everything was)
     */
    public CloseReport close(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        synchronized (this) {
            if (closed) {
                return CloseReport.EMPTY;
            }
            closed = true;
        }
        List<Object> notStored = new ArrayList<>();
        WriterListener collector = new WriterListener() {
            @Override
            public void onDropped(DropReason reason, List<?> rows, Optional<RuntimeException> cause) {
                synchronized (notStored) {
                    notStored.addAll(rows);
                }
            }
        };
        listener.add(collector);
        closeDeadline = System.nanoTime() + timeout.toNanos();
        buffer.close();
        try {
            flusher.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Object> outcomeUnknown = List.of();
        if (flusher.isAlive()) {
            // The flusher is inside a store call that outlived the timeout: what waits behind it is not stored,
            // and whether the call itself stores its rows is not known yet.
            storer.drop(DropReason.CLOSED, buffer.drainWaiting(), null);
            WriteBuffer.Taken current = inFlight;
            outcomeUnknown = current == null ? List.of() : List.copyOf(current.rows());
        }
        shutdownHook.ifPresent(this::removeHook);
        CloseReport report;
        synchronized (notStored) {
            report = new CloseReport(notStored, outcomeUnknown, Optional.ofNullable(storer.lastError.get()));
        }
        if (!report.isEmpty()) {
            log.warn("metrics writer closed: {}", report.describe());
        }
        return report;
    }

    private void removeHook(Thread hook) {
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already shutting down: the hook runs or has run, nothing to remove.
            }
        }
    }

    /**
     * Stops taking rows and stores what is buffered within the configured close timeout.
     *
     * @throws MetricsWriterException naming what could not be stored
     */
    @Override
    public void close() {
        CloseReport report = close(settings.closeTimeout());
        if (!report.isEmpty()) {
            throw new MetricsWriterException("the metrics writer closed without storing everything: "
                    + report.describe());
        }
    }

    private void closeQuietly() {
        close(settings.closeTimeout());
    }
}
