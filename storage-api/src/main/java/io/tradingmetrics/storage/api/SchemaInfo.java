package io.tradingmetrics.storage.api;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The state of a store's schema.
 *
 * @param currentVersion the version the database is at
 * @param latestVersion the version this code brings the database to
 * @param history one line per applied or pending migration, oldest first, in a readable form
 */
public record SchemaInfo(String currentVersion, String latestVersion, List<String> history) {
    public SchemaInfo {
        requireNonNull(currentVersion, "currentVersion is null");
        requireNonNull(latestVersion, "latestVersion is null");
        history = List.copyOf(requireNonNull(history, "history is null"));
    }

    /** @return whether the database is at the latest version */
    public boolean isUpToDate() {
        return currentVersion.equals(latestVersion);
    }
}
