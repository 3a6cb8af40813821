package io.tradingmetrics.writer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * The writer's bounded buffer. Rows count against the bound from the moment they are accepted until the flusher
 * has finished with them, so the heap the writer holds is bounded even while the store is slow. The flusher takes
 * everything waiting at once (one pointer swap under the lock), which keeps producers' critical sections short.
 * Each take is a generation; {@link #awaitCompleted} lets a flush wait for the generation holding its rows.
 */
final class WriteBuffer {
    /** Rows taken by the flusher in one go, with their estimated bytes. */
    record Taken(ArrayDeque<Object> rows, long bytes, long generation) {
    }

    /** What {@link #offer} did with a row. */
    record Offer(boolean accepted, List<Object> droppedOldest) {
        static final Offer ACCEPTED = new Offer(true, List.of());
        static final Offer DROPPED = new Offer(false, List.of());
    }

    private final WriterSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomFreed = lock.newCondition();
    private final Condition workAvailable = lock.newCondition();
    private final Condition generationDone = lock.newCondition();

    private ArrayDeque<Object> waiting = new ArrayDeque<>();
    /** The deque of the previous take, emptied by the flusher, so that a take allocates nothing under the lock. */
    private ArrayDeque<Object> spare = new ArrayDeque<>();
    private long waitingBytes;
    private long waitingSince;
    private int heldRows;
    private long heldBytes;
    private long takenGeneration;
    private long completedGeneration;
    private boolean inFlight;
    private boolean flushRequested;
    private boolean closed;

    WriteBuffer(WriterSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * Takes a row in, or applies the overflow policy when it does not fit.
     *
     * @throws BufferFullException under {@link OverflowPolicy#FAIL}, or under {@link OverflowPolicy#BLOCK} after
     *         the block timeout
     * @throws WriterClosedException when the writer is closed
     */
    Offer offer(Object row, long bytes) throws InterruptedException {
        lock.lock();
        try {
            ensureOpen();
            List<Object> dropped = List.of();
            if (!fits(bytes)) {
                switch (settings.overflowPolicy()) {
                    case FAIL -> throw full();
                    case DROP_NEWEST -> {
                        return Offer.DROPPED;
                    }
                    case DROP_OLDEST -> {
                        dropped = dropOldestUntilFits(bytes);
                        if (!fits(bytes)) {
                            // Everything held is being stored right now: nothing older can go, so this row does.
                            return new Offer(false, dropped);
                        }
                    }
                    case BLOCK -> awaitRoom(bytes);
                }
            }
            if (waiting.isEmpty()) {
                waitingSince = System.nanoTime();
            }
            waiting.addLast(row);
            waitingBytes += bytes;
            heldRows++;
            heldBytes += bytes;
            if (waiting.size() == settings.batchSize()) {
                workAvailable.signal();
            }
            return dropped.isEmpty() ? Offer.ACCEPTED : new Offer(true, dropped);
        } finally {
            lock.unlock();
        }
    }

    private boolean fits(long bytes) {
        // A row larger than the whole byte bound still goes in when the buffer is empty, or it could never be written.
        return heldRows < settings.maxBufferedRows()
                && (heldBytes + bytes <= settings.maxBufferedBytes() || heldRows == 0);
    }

    private List<Object> dropOldestUntilFits(long bytes) {
        List<Object> dropped = new ArrayList<>();
        while (!fits(bytes) && !waiting.isEmpty()) {
            Object oldest = waiting.pollFirst();
            long bytesOfOldest = RowSizes.estimate(oldest);
            dropped.add(oldest);
            heldRows--;
            heldBytes -= bytesOfOldest;
            waitingBytes -= bytesOfOldest;
        }
        return dropped;
    }

    private void awaitRoom(long bytes) throws InterruptedException {
        long remaining = settings.blockTimeout().toNanos();
        while (!fits(bytes)) {
            if (remaining <= 0) {
                throw full();
            }
            remaining = roomFreed.awaitNanos(remaining);
            ensureOpen();
        }
    }

    private BufferFullException full() {
        return new BufferFullException("the metrics writer's buffer is full (" + heldRows + " rows, " + heldBytes
                + " bytes held; limits " + settings.maxBufferedRows() + " rows, " + settings.maxBufferedBytes()
                + " bytes) because the store takes rows slower than they are written"
                + (settings.overflowPolicy() == OverflowPolicy.BLOCK ? " (waited " + settings.blockTimeout() + ")" : "")
                + "; raise the buffer limits, write less, or choose a drop policy");
    }

    private void ensureOpen() {
        if (closed) {
            throw new WriterClosedException("the metrics writer is closed; create a new writer to write more");
        }
    }

    /**
     * Waits until there is a batch to store (a full batch, the flush interval reached, a flush requested, or the
     * writer closing), then takes everything waiting.
     *
     * @return the rows taken, or an empty take when the writer is closed and nothing waits
     */
    Taken take() throws InterruptedException {
        lock.lock();
        try {
            long interval = settings.flushInterval().toNanos();
            while (true) {
                if (!waiting.isEmpty()) {
                    long age = System.nanoTime() - waitingSince;
                    if (closed || flushRequested || waiting.size() >= settings.batchSize() || age >= interval) {
                        break;
                    }
                    workAvailable.awaitNanos(interval - age);
                } else if (closed) {
                    return new Taken(new ArrayDeque<>(), 0, completedGeneration);
                } else {
                    flushRequested = false;
                    workAvailable.await();
                }
            }
            ArrayDeque<Object> rows = waiting;
            long bytes = waitingBytes;
            waiting = spare != null ? spare : new ArrayDeque<>();
            spare = null;
            waitingBytes = 0;
            flushRequested = false;
            inFlight = true;
            takenGeneration++;
            return new Taken(rows, bytes, takenGeneration);
        } finally {
            lock.unlock();
        }
    }

    /** The flusher is done with a take: its rows no longer count against the bound. */
    void release(Taken taken) {
        int rows = taken.rows().size();
        taken.rows().clear();
        lock.lock();
        try {
            spare = taken.rows();
            heldRows -= rows;
            heldBytes -= taken.bytes();
            completedGeneration = taken.generation();
            inFlight = false;
            roomFreed.signalAll();
            generationDone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return the generation that holds every row accepted so far; asks the flusher to take it now */
    long requestFlush() {
        lock.lock();
        try {
            if (waiting.isEmpty()) {
                return inFlight ? takenGeneration : completedGeneration;
            }
            flushRequested = true;
            workAvailable.signal();
            return takenGeneration + 1;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the generation was completed within the timeout */
    boolean awaitCompleted(long generation, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeout.toNanos();
            while (completedGeneration < generation) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = generationDone.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further writes and wakes everyone; waiting rows are still taken and stored. */
    void close() {
        lock.lock();
        try {
            closed = true;
            workAvailable.signalAll();
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return the rows still waiting, removed from the buffer (for the close report when the flusher is gone) */
    List<Object> drainWaiting() {
        lock.lock();
        try {
            List<Object> rows = new ArrayList<>(waiting);
            // Drained rows leave the buffer: they no longer count against the bound or in the stats.
            heldRows -= rows.size();
            heldBytes -= waitingBytes;
            waiting.clear();
            waitingBytes = 0;
            return rows;
        } finally {
            lock.unlock();
        }
    }

    long completedGeneration() {
        lock.lock();
        try {
            return completedGeneration;
        } finally {
            lock.unlock();
        }
    }

    int heldRows() {
        lock.lock();
        try {
            return heldRows;
        } finally {
            lock.unlock();
        }
    }

    long heldBytes() {
        lock.lock();
        try {
            return heldBytes;
        } finally {
            lock.unlock();
        }
    }
}
