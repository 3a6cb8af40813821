package io.tradingmetrics.storage.api;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Whether a store answers, and what it runs on.
 *
 * @param healthy whether a trivial query succeeded just now
 * @param backend the store's name, as its factory is named ({@code duckdb}, {@code timescale})
 * @param message a one-line description: the file or server, or what went wrong
 * @param details engine facts, for example the engine version and which optional features are active
 */
public record StoreHealth(boolean healthy, String backend, String message, Map<String, String> details) {
    public StoreHealth {
        requireNonNull(backend, "backend is null");
        requireNonNull(message, "message is null");
        details = Map.copyOf(requireNonNull(details, "details is null"));
    }
}
