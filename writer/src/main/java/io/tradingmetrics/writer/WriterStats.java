package io.tradingmetrics.writer;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a writer has done so far. Every row given to {@code write} without an exception is stored, dropped (and
 * reported) or still buffered: {@code written = stored + dropped + bufferedRows}.
 *
 * @param accepted rows taken into the buffer (a row the policy dropped at once is not taken, but counted as dropped)
 * @param refused writes that failed with {@link BufferFullException} (never taken in, so the caller knows)
 * @param stored rows the store confirmed
 * @param dropped rows that will never be stored (every {@link DropReason}), each reported to the listener
 * @param batches store calls that succeeded
 * @param retries store calls that failed with an unavailable store and were retried
 * @param bufferedRows rows held now (waiting and being stored)
 * @param bufferedBytes estimated heap bytes held now
 * @param lastError the last store error, if any
 */
public record WriterStats(long accepted, long refused, long stored, long dropped, long batches, long retries,
                          int bufferedRows, long bufferedBytes, Optional<String> lastError) {
    public WriterStats {
        requireNonNull(lastError, "lastError is null");
    }
}
