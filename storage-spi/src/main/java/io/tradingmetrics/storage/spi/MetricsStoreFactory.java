package io.tradingmetrics.storage.spi;

import com.typesafe.config.Config;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreNotFoundException;
import io.tradingmetrics.storage.api.StoreUnavailableException;

import java.util.List;
import java.util.Optional;

/**
 * Builds one kind of store. Backends register an implementation in
 * {@code META-INF/services/io.tradingmetrics.storage.spi.MetricsStoreFactory}; configuration picks one by
 * {@link #name()} ({@code metrics.store.type}). The factory owns the store's identity ({@link #describe(Config)}) and
 * its schema's lifecycle ({@link #open(Config, OpenMode)}), so callers never read engine-specific keys.
 */
public interface MetricsStoreFactory {

    /** @return the name configuration uses for this store, for example {@code duckdb} */
    String name();

    /** @return the Maven module that brings this store, named in errors about a missing store */
    String moduleName();

    /**
     * Opens a store as its configuration says ({@link OpenMode#CONFIGURED}).
     *
     * @param storeConfig the store's own block ({@code metrics.store.<name>}), defaults included
     * @return the open store; the caller closes it
     * @throws StoreConfigException when a value is not usable
     * @throws StoreUnavailableException when the database cannot be reached or opened
     * @throws SchemaException when the schema cannot be brought up to date, or is not current and the configuration
     *         forbids migrating it
     */
    default MetricsStore create(Config storeConfig) {
        return open(storeConfig, OpenMode.CONFIGURED);
    }

    /**
     * Opens a store in the given mode.
     *
     * @param storeConfig the store's own block ({@code metrics.store.<name>}), defaults included
     * @param mode what opening may do to the store
     * @return the open store; the caller closes it. In {@link OpenMode#READ_ONLY} and {@link OpenMode#VALIDATE} it
     *         refuses writes.
     * @throws StoreConfigException when a value is not usable
     * @throws StoreNotFoundException when the mode does not create stores and the store does not exist, naming
     *         where it was looked for
     * @throws StoreUnavailableException when the database cannot be reached or opened
     * @throws SchemaException when the schema cannot be brought up to date ({@link OpenMode#MIGRATE}), is not current
     *         ({@link OpenMode#VALIDATE}), or cannot be read as it is ({@link OpenMode#READ_ONLY})
     */
    MetricsStore open(Config storeConfig, OpenMode mode);

    /**
     * Names the store a configuration selects, for checkpoints, messages and logs: the same store gives the same text
     * however it was spelled (file paths absolute, server URLs without parameters) and the text holds no secret.
     *
     * @param storeConfig the store's own block, defaults included
     * @return for example {@code duckdb /srv/data/metrics.duckdb} or
     *         {@code timescale postgresql://db1:5432/trading schema public}
     * @throws StoreConfigException when the block does not name a store
     */
    String describe(Config storeConfig);

    /**
     * Maps a JDBC URL such as {@code jdbc:duckdb:data/metrics.duckdb} to settings of this store's block.
     *
     * @param jdbcUrl the URL as the user gave it
     * @return the settings that select what the URL names, or empty when this store does not take such URLs
     */
    default Optional<Config> configForUrl(String jdbcUrl) {
        return Optional.empty();
    }

    /**
     * The keys of this store's block that each hold a complete store configuration of another type, shaped as
     * {@code metrics.store} is ({@code { type = duckdb, duckdb { path = ... } }}): for a store built over other
     * stores, such as the dual store's {@code primary} and {@code secondary}. The config module checks each of them
     * as it checks {@code metrics.store}, and refuses a nested store that itself nests stores.
     *
     * @return the keys, empty (the default) for a store of its own
     */
    default List<String> nestedStoreKeys() {
        return List.of();
    }
}
