package io.tradingmetrics.writer;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How a {@link MetricsWriter} batches, bounds its buffer and retries. {@link #defaults()} are the measured defaults
 * (BENCHMARKS.md, "Batching writer"); the {@code with...} methods change one setting.
 *
 * @param batchSize rows per store call, and the number of waiting rows that starts a flush before the interval
 * @param flushInterval the longest a written row waits before the flusher stores it
 * @param maxBufferedRows rows the writer holds at most (waiting and being stored)
 * @param maxBufferedBytes estimated heap bytes the writer holds at most (waiting and being stored)
 * @param overflowPolicy what a write does when the buffer is full
 * @param blockTimeout how long a write waits for room under {@link OverflowPolicy#BLOCK} before it fails
 * @param retryFor how long a batch is retried while the store is unavailable before its rows are dropped and
 *                 reported
 * @param initialBackoff the first wait between retries; it doubles up to {@code maxBackoff}
 * @param maxBackoff the longest wait between retries
 * @param closeTimeout how long {@link MetricsWriter#close()} waits for the buffer to drain
 * @param closeOnShutdown whether a JVM shutdown hook closes the writer, so a process that exits stores its last rows
 */
public record WriterSettings(int batchSize, Duration flushInterval, int maxBufferedRows, long maxBufferedBytes,
                             OverflowPolicy overflowPolicy, Duration blockTimeout, Duration retryFor,
                             Duration initialBackoff, Duration maxBackoff, Duration closeTimeout,
                             boolean closeOnShutdown) {
    public WriterSettings {
        requirePositive(batchSize, "batch size");
        requirePositive(flushInterval, "flush interval");
        requirePositive(maxBufferedRows, "buffer row limit");
        if (maxBufferedRows < batchSize) {
            throw new IllegalArgumentException("the buffer row limit (" + maxBufferedRows
                    + ") is smaller than the batch size (" + batchSize + "); raise the limit or lower the batch size");
        }
        requirePositive(maxBufferedBytes, "buffer byte limit");
        requireNonNull(overflowPolicy, "overflowPolicy is null");
        requireNonNegative(blockTimeout, "block timeout");
        requireNonNegative(retryFor, "retry time");
        requirePositive(initialBackoff, "initial backoff");
        requirePositive(maxBackoff, "maximum backoff");
        requireNonNegative(closeTimeout, "close timeout");
    }

    /** @return 100,000 rows per batch, 200 ms interval, 1,000,000 rows / 256 MiB buffer, block 100 ms then fail */
    public static WriterSettings defaults() {
        return new WriterSettings(100_000, Duration.ofMillis(200), 1_000_000, 256L << 20, OverflowPolicy.BLOCK,
                Duration.ofMillis(100), Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofSeconds(30), true);
    }

    public WriterSettings withBatchSize(int rows) {
        return new WriterSettings(rows, flushInterval, maxBufferedRows, maxBufferedBytes, overflowPolicy,
                blockTimeout, retryFor, initialBackoff, maxBackoff, closeTimeout, closeOnShutdown);
    }

    public WriterSettings withFlushInterval(Duration interval) {
        return new WriterSettings(batchSize, interval, maxBufferedRows, maxBufferedBytes, overflowPolicy,
                blockTimeout, retryFor, initialBackoff, maxBackoff, closeTimeout, closeOnShutdown);
    }

    public WriterSettings withBuffer(int maxRows, long maxBytes) {
        return new WriterSettings(batchSize, flushInterval, maxRows, maxBytes, overflowPolicy,
                blockTimeout, retryFor, initialBackoff, maxBackoff, closeTimeout, closeOnShutdown);
    }

    public WriterSettings withOverflow(OverflowPolicy policy, Duration timeout) {
        return new WriterSettings(batchSize, flushInterval, maxBufferedRows, maxBufferedBytes, policy,
                timeout, retryFor, initialBackoff, maxBackoff, closeTimeout, closeOnShutdown);
    }

    public WriterSettings withRetry(Duration duration, Duration initial, Duration max) {
        return new WriterSettings(batchSize, flushInterval, maxBufferedRows, maxBufferedBytes, overflowPolicy,
                blockTimeout, duration, initial, max, closeTimeout, closeOnShutdown);
    }

    public WriterSettings withClose(Duration timeout, boolean onShutdown) {
        return new WriterSettings(batchSize, flushInterval, maxBufferedRows, maxBufferedBytes, overflowPolicy,
                blockTimeout, retryFor, initialBackoff, maxBackoff, timeout, onShutdown);
    }

    private static void requirePositive(long value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException("the writer's " + what + " is " + value + "; give a positive value");
        }
    }

    private static void requirePositive(Duration value, String what) {
        requireNonNull(value, what + " is null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the writer's " + what + " is " + value + "; give a positive duration");
        }
    }

    private static void requireNonNegative(Duration value, String what) {
        requireNonNull(value, what + " is null");
        if (value.isNegative()) {
            throw new IllegalArgumentException("the writer's " + what + " is " + value + "; give a duration >= 0");
        }
    }
}
