package io.tradingmetrics.storage.dual;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static java.util.Objects.requireNonNull;

/**
 * Encodes the writes and appends their records to the outbox on a thread of its own, so that this runs while the
 * primary takes the write rather than before it: the fsync of a 10,000-point record costs about as much as encoding
 * it, and the two together were most of what dual writing added to a DuckDB insert. The write's commit waits for its
 * record ({@link io.tradingmetrics.storage.spi.CommitGatedWrites}), so a committed write is never missing from the
 * outbox. Writes are appended one at a time: the dual store holds its write lock until the record is settled.
 */
final class OutboxAppender implements AutoCloseable {
    private final Outbox outbox;
    private final Path directory;
    private final long maxBytes;
    private final ExecutorService thread;

    OutboxAppender(Outbox outbox, Path directory, long maxBytes) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.maxBytes = maxBytes;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread appender = new Thread(task, "dual-store-outbox");
            appender.setDaemon(true);
            return appender;
        });
    }

    /**
     * Where a record's append ended.
     *
     * @param seq the record's sequence number, 0 when the outbox did not take it
     * @param refusal why the outbox did not take it, when it did not
     */
    record Appended(long seq, Optional<String> refusal) {}

    /** A record being appended. */
    static final class Pending {
        private final CompletableFuture<Appended> appended;

        private Pending(CompletableFuture<Appended> appended) {
            this.appended = appended;
        }

        /**
         * Waits for the append to end, uninterrupted: the write's outcome depends on it.
         *
         * @throws RuntimeException what encoding the write threw
         */
        Appended await() {
            try {
                return appended.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw e;
            }
        }

        /** @return the record's sequence number once appended; 0 when the outbox did not take it or it failed */
        long seqOrZero() {
            try {
                return await().seq();
            } catch (RuntimeException e) {
                return 0;
            }
        }
    }

    /** Starts encoding the write and appending its record, forced to disk. */
    Pending append(MirroredWrite write) {
        requireNonNull(write, "write is null");
        return new Pending(CompletableFuture.supplyAsync(() -> appendNow(write), thread));
    }

    private Appended appendNow(MirroredWrite write) {
        byte[] payload = WriteCodec.encode(write);
        if (!outbox.fits(payload.length)) {
            return new Appended(0, Optional.of("the outbox " + directory + " is full (" + outbox.bytes()
                    + " bytes, max-bytes " + maxBytes + ")"));
        }
        try {
            return new Appended(outbox.appendData(payload), Optional.empty());
        } catch (IOException e) {
            return new Appended(0, Optional.of("the outbox " + directory + " cannot be written (" + e.getMessage()
                    + ")"));
        }
    }

    /** Stops the thread; no write may be under way. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
