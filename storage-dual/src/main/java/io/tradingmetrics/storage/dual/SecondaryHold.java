package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Takes the secondary away from the running app's mirror, for a tool that writes into it (the backfill): the app
 * closes the secondary (so that a DuckDB file's lock is free), keeps the writes in its outbox, and mirrors them once
 * the hold is released. The request is a file in the outbox directory ({@value #REQUEST}); the app answers with
 * {@value #RELEASED}. When no app runs, the hold is taken at once, and an app that starts while it is held stays off
 * the secondary. The holder keeps an OS lock on {@value #LOCK} for as long as it holds, which dies with its process:
 * a request left behind by a tool killed with kill -9 is stale, the app stays off the secondary meanwhile (the tool
 * may have left it half-written), and the next {@code acquire} (the same command run again, which resumes) takes it
 * over.
 *
 * <pre>{@code
 * try (SecondaryHold hold = SecondaryHold.acquire(dir, "backfill", Duration.ofMinutes(1));
 *      MetricsStore secondary = config.secondary().open(OpenMode.CONFIGURED)) {
 *     ... copy the primary's rows before each table's boundary ...
 * }
 * }</pre>
 */
public final class SecondaryHold implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecondaryHold.class);
    /** The request file in the outbox directory. */
    public static final String REQUEST = "hold-secondary";
    /** The app's answer: it has closed the secondary. */
    public static final String RELEASED = "hold-secondary.released";
    /** Locked by the holder's process for as long as it holds: an unlocked request is stale. */
    public static final String LOCK = "hold-secondary.lock";

    private final Path request;
    private final String token;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean closed;

    private SecondaryHold(Path request, String token, FileChannel lockChannel, FileLock lock) {
        this.request = request;
        this.token = token;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * @param directory the outbox directory
     * @param purpose what holds it, shown in the app's health, for example {@code backfill (pid 4242)}
     * @param timeout how long to wait for a running app to let go of the secondary
     * @return the hold; close it to give the secondary back
     * @throws StoreUnavailableException when a live process holds it already, or the app did not answer in time
     *         (the request is withdrawn then)
     */
    public static SecondaryHold acquire(Path directory, String purpose, Duration timeout) {
        requireNonNull(directory, "directory is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(timeout, "timeout is null");
        Path dir = directory.toAbsolutePath().normalize();
        Path request = dir.resolve(REQUEST);
        String token = UUID.randomUUID().toString();
        FileChannel channel = null;
        FileLock lock;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(channel);
            if (lock == null) {
                throw new StoreUnavailableException("the secondary of the dual store in " + dir + " is already held ("
                        + describe(dir).orElse("?") + "); wait for that tool to finish");
            }
            Optional<String> stale = describe(dir);
            if (stale.isPresent()) {
                LOG.warn("dual store: taking over the hold on the secondary left by {}, whose process is gone",
                        stale.get());
            }
            // Written aside and moved: the app never reads a half-written request.
            Path aside = dir.resolve(REQUEST + ".new");
            Files.writeString(aside, token + "\n" + purpose.replace('\n', ' ') + " since " + Instant.now() + "\n",
                    StandardCharsets.UTF_8);
            Files.move(aside, request, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new MetricsStoreException("cannot request the secondary in " + request + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        SecondaryHold hold = new SecondaryHold(request, token, channel, lock);
        if (!DualState.appRunning(dir)) {
            return hold;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (released(dir, token)) {
                return hold;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        hold.close();
        throw new StoreUnavailableException("the app using the dual store in " + dir + " did not let go of the "
                + "secondary within " + timeout + "; check that it runs and is healthy, or stop it and try again");
    }

    /** @return the lock, or null when another process (or this JVM) holds it */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held through it
            }
        }
    }

    /** @return what holds the secondary of the dual store in the directory, empty when nothing does */
    public static Optional<String> describe(Path directory) {
        try {
            String[] lines = Files.readString(directory.resolve(REQUEST), StandardCharsets.UTF_8).split("\n");
            return Optional.of(lines.length > 1 ? lines[1] : "a hold");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MetricsStoreException("cannot read " + directory.resolve(REQUEST) + ": " + e.getMessage(), e);
        }
    }

    /** @return the token of the current request, empty when there is none */
    static Optional<String> requestToken(Path directory) {
        try {
            return Optional.of(Files.readString(directory.resolve(REQUEST), StandardCharsets.UTF_8).split("\n")[0]);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("unreadable");
        }
    }

    private static boolean released(Path dir, String token) {
        try {
            return Files.readString(dir.resolve(RELEASED), StandardCharsets.UTF_8).strip().equals(token);
        } catch (IOException e) {
            return false;
        }
    }

    /** Gives the secondary back to the app's mirror. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (requestToken(request.getParent()).map(token::equals).orElse(false)) {
                Files.deleteIfExists(request);
            }
        } catch (IOException e) {
            throw new MetricsStoreException("cannot release the secondary: delete " + request + " by hand ("
                    + e.getMessage() + ")", e);
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it
            }
            closeQuietly(lockChannel);
        }
    }
}
