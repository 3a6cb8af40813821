package io.tradingmetrics.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs tasks on a small pool, in submission order, and stops early when one fails: tasks not yet begun are skipped,
 * running ones are told through the {@link BooleanSupplier} they get, and the first failure is rethrown.
 */
final class ParallelTasks {
    private ParallelTasks() {}

    static <R> List<R> run(int parallelism, String threadName, List<Function<BooleanSupplier, R>> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BooleanSupplier stopRequested = () -> failure.get() != null;
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, tasks.size()), runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<Future<R>> futures = new ArrayList<>();
        try {
            for (Function<BooleanSupplier, R> task : tasks) {
                futures.add(pool.submit(() -> {
                    if (stopRequested.getAsBoolean()) {
                        return null;
                    }
                    try {
                        return task.apply(stopRequested);
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                        throw t;
                    }
                }));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    // The first failure is rethrown below, once every task has stopped.
                }
            }
            Throwable first = failure.get();
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first instanceof Error error) {
                throw error;
            }
            if (first != null) {
                throw new MigrationException(first.getMessage(), first);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
            throw new MigrationException("interrupted; run the same command again to resume", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
