package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs a sample of reads on the secondary too, off the caller's thread, once the secondary has replayed every write
 * accepted before the read, and counts the answers that differ. A read that cannot be compared (the secondary is
 * away, or still behind after a few seconds, or the queue is full) is skipped, not counted. Writes into the range
 * between the two reads can make a difference that is not one: it is a sample for confidence, not a verification.
 */
final class ShadowReads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowReads.class);
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(5);

    private final double sampleRate;
    private final Supplier<Optional<MetricsStore>> secondary;
    private final LongSupplier accepted;
    private final LongSupplier applied;
    private final ThreadPoolExecutor executor;
    private final AtomicLong compared = new AtomicLong();
    private final AtomicLong differences = new AtomicLong();
    // Counted from the hand-off to the end of the comparison: the executor's own counts miss a task its thread has
    // taken from the queue and not yet started.
    private final AtomicInteger pending = new AtomicInteger();

    ShadowReads(double sampleRate, Supplier<Optional<MetricsStore>> secondary, LongSupplier accepted,
                LongSupplier applied) {
        this.sampleRate = sampleRate;
        this.secondary = secondary;
        this.accepted = accepted;
        this.applied = applied;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread thread = new Thread(r, "dual-store-shadow-reads");
            thread.setDaemon(true);
            return thread;
        }, (task, pool) -> pending.decrementAndGet());
    }

    /** @return the primary's answer, after handing a sampled read to the comparing thread */
    <T> T sample(String what, T primaryAnswer, Function<MetricsStore, T> read) {
        if (sampleRate > 0 && ThreadLocalRandom.current().nextDouble() < sampleRate) {
            long seq = accepted.getAsLong();
            pending.incrementAndGet();
            executor.execute(() -> {
                try {
                    compare(what, seq, primaryAnswer, read);
                } finally {
                    pending.decrementAndGet();
                }
            });
        }
        return primaryAnswer;
    }

    private <T> void compare(String what, long seq, T primaryAnswer, Function<MetricsStore, T> read) {
        long deadline = System.nanoTime() + CATCH_UP_WAIT.toNanos();
        while (applied.getAsLong() < seq) {
            if (System.nanoTime() > deadline) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
        Optional<MetricsStore> store = secondary.get();
        if (store.isEmpty()) {
            return;
        }
        T answer;
        try {
            answer = read.apply(store.get());
        } catch (RuntimeException e) {
            return; // the secondary is away: nothing compared
        }
        long count = compared.incrementAndGet();
        if (!Answers.same(primaryAnswer, answer)) {
            long different = differences.incrementAndGet();
            if (different <= 10 || different % 100 == 0) {
                LOG.warn("dual store: shadow read {} differs between the primary and the secondary ({} of {} compared"
                        + " reads differ so far)", what, different, count);
            }
        }
    }

    long compared() {
        return compared.get();
    }

    long differences() {
        return differences.get();
    }

    /** Waits for the queued comparisons to finish (tests, and close). */
    void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
