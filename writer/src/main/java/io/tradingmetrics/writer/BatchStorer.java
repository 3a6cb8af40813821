package io.tradingmetrics.writer;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.WriteId;
import io.tradingmetrics.storage.api.WriteOutcomeUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Stores what the flusher took, in write order: consecutive rows of one kind go to the store in one call of at most
 * a batch. An unavailable store, or a commit whose outcome was lost, is retried with backoff under the batch's own
 * {@link WriteId} (so exactly once), in order (later rows wait); a batch the store refuses is
 * split until the refused rows are found, and only those are dropped.
 */
final class BatchStorer {
    private static final Logger log = LoggerFactory.getLogger(BatchStorer.class);

    private final MetricsStore store;
    private final WriterSettings settings;
    private final ListenerCalls listener;
    private final LongSupplier closeDeadline;
    final AtomicLong stored = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicReference<String> lastError = new AtomicReference<>();

    /** @param closeDeadline the {@link System#nanoTime()} after which retries stop, or {@link Long#MAX_VALUE} */
    BatchStorer(MetricsStore store, WriterSettings settings, ListenerCalls listener, LongSupplier closeDeadline) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.closeDeadline = requireNonNull(closeDeadline, "closeDeadline is null");
    }

    /**
     * Stores a take: points, candles and snapshots each in write order (the three go to different tables, so the
     * order between kinds is not visible), in batches of at most the batch size.
     *
     * @return whether any row of the take was dropped
     */
    boolean storeAll(Collection<Object> rows) throws InterruptedException {
        List<Object> points = new ArrayList<>(rows.size());
        List<Object> candles = new ArrayList<>();
        List<Object> snapshots = new ArrayList<>();
        for (Object row : rows) {
            (row instanceof MetricPoint ? points : row instanceof Candle ? candles : snapshots).add(row);
        }
        boolean anyDropped = false;
        for (List<Object> kind : List.of(points, candles, snapshots)) {
            for (int from = 0; from < kind.size(); from += settings.batchSize()) {
                anyDropped |= storeRun(kind.subList(from, Math.min(kind.size(), from + settings.batchSize())));
            }
        }
        return anyDropped;
    }

    private boolean storeRun(List<Object> run) throws InterruptedException {
        if (run.isEmpty()) {
            return false;
        }
        long firstFailure = 0;
        long backoff = settings.initialBackoff().toNanos();
        // One id for every attempt of this batch: a retry after a commit whose outcome was lost stores nothing twice.
        WriteId writeId = WriteId.random();
        for (int attempt = 1; ; attempt++) {
            try {
                write(run, writeId);
                stored.addAndGet(run.size());
                batches.incrementAndGet();
                listener.stored(run.size());
                return false;
            } catch (StoreUnavailableException | WriteOutcomeUnknownException e) {
                lastError.set(e.getMessage());
                long now = System.nanoTime();
                firstFailure = attempt == 1 ? now : firstFailure;
                long wait = Math.min(backoff, settings.maxBackoff().toNanos());
                if (now - firstFailure + wait > settings.retryFor().toNanos() || now + wait > closeDeadline.getAsLong()) {
                    log.warn("metrics writer: dropping {} rows, the store stayed unavailable for {}: {}", run.size(),
                            Duration.ofNanos(now - firstFailure), e.getMessage());
                    drop(DropReason.STORE_UNAVAILABLE, run, e);
                    return true;
                }
                retries.incrementAndGet();
                listener.retry(attempt, Duration.ofNanos(wait), e);
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                backoff = Math.multiplyExact(backoff, 2);
            } catch (RuntimeException e) {
                lastError.set(e.getMessage());
                return refused(run, e);
            }
        }
    }

    /** Halves a refused batch until the refused rows are found; the others are stored. */
    private boolean refused(List<Object> run, RuntimeException error) throws InterruptedException {
        if (run.size() == 1) {
            log.warn("metrics writer: the store refused {}: {}", run.get(0), error.getMessage());
            drop(DropReason.REFUSED_BY_STORE, run, error);
            return true;
        }
        int half = run.size() / 2;
        boolean first = storeRun(new ArrayList<>(run.subList(0, half)));
        boolean second = storeRun(new ArrayList<>(run.subList(half, run.size())));
        return first | second;
    }

    void drop(DropReason reason, List<Object> rows, RuntimeException cause) {
        dropped.addAndGet(rows.size());
        listener.dropped(reason, rows, Optional.ofNullable(cause));
    }

    @SuppressWarnings("unchecked")
    private void write(List<Object> run, WriteId writeId) {
        Object first = run.get(0);
        if (first instanceof MetricPoint) {
            store.insertMetrics((List<MetricPoint>) (List<?>) run, writeId);
        } else if (first instanceof Candle) {
            store.upsertCandles((List<Candle>) (List<?>) run, writeId);
        } else if (first instanceof PerformanceSnapshot) {
            store.upsertPerformance((List<PerformanceSnapshot>) (List<?>) run, writeId);
        } else {
            throw new IllegalStateException("not a row the writer takes: " + first.getClass().getName());
        }
    }
}
