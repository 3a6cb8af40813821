package io.tradingmetrics.storage.api;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Whether a store answers, and what it runs on.
 *
 * @param healthy whether a trivial query succeeded just now
 * @param backend the kind of store, as {@link MetricsStore#backendName()} names it
 * @param message a one-line description: where the data lives, or what went wrong
 * @param details facts the store reports about itself, for example its version and which optional features are
 *                active; keys and values are the store's own
 */
public record StoreHealth(boolean healthy, String backend, String message, Map<String, String> details) {
    public StoreHealth {
        requireNonNull(backend, "backend is null");
        requireNonNull(message, "message is null");
        details = Map.copyOf(requireNonNull(details, "details is null"));
    }
}
