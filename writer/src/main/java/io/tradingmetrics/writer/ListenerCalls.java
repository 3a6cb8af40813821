package io.tradingmetrics.writer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Objects.requireNonNull;

/** Calls the app's listeners so that an exception of theirs never stops the writer. */
final class ListenerCalls {
    private static final Logger log = LoggerFactory.getLogger(ListenerCalls.class);

    private final List<WriterListener> listeners;

    ListenerCalls(List<WriterListener> listeners) {
        this.listeners = new CopyOnWriteArrayList<>(requireNonNull(listeners, "listeners is null"));
    }

    void add(WriterListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    void dropped(DropReason reason, List<?> rows, Optional<RuntimeException> cause) {
        for (WriterListener listener : listeners) {
            try {
                listener.onDropped(reason, rows, cause);
            } catch (RuntimeException e) {
                log.warn("metrics writer: listener {} failed in onDropped", listener, e);
            }
        }
    }

    void retry(int attempt, Duration wait, RuntimeException cause) {
        for (WriterListener listener : listeners) {
            try {
                listener.onRetry(attempt, wait, cause);
            } catch (RuntimeException e) {
                log.warn("metrics writer: listener {} failed in onRetry", listener, e);
            }
        }
    }

    void stored(int rows) {
        for (WriterListener listener : listeners) {
            try {
                listener.onStored(rows);
            } catch (RuntimeException e) {
                log.warn("metrics writer: listener {} failed in onStored", listener, e);
            }
        }
    }
}
