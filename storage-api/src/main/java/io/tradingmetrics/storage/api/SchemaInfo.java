package io.tradingmetrics.storage.api;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The state of a store's schema.
 *
 * @param currentVersion the version the database is at
 * @param latestVersion the version this code brings the database to
 * @param history one line per applied or pending migration, oldest first, in a readable form
 * @param notAdopted whether the database holds the schema of the older system this store replaces, without the
 *                   history that opening it for migrating adds (it is then at no version of this code)
 */
public record SchemaInfo(String currentVersion, String latestVersion, List<String> history, boolean notAdopted) {
    public SchemaInfo {
        requireNonNull(currentVersion, "currentVersion is null");
        requireNonNull(latestVersion, "latestVersion is null");
        history = List.copyOf(requireNonNull(history, "history is null"));
    }

    /** A schema this code manages (adopted or created by it), or none at all. */
    public SchemaInfo(String currentVersion, String latestVersion, List<String> history) {
        this(currentVersion, latestVersion, history, false);
    }

    /** @return whether the database is at the latest version */
    public boolean isUpToDate() {
        return currentVersion.equals(latestVersion);
    }
}
