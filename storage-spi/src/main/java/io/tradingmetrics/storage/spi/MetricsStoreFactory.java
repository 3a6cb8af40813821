package io.tradingmetrics.storage.spi;

import com.typesafe.config.Config;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreUnavailableException;

import java.util.Optional;

/**
 * Builds one kind of store. Backends register an implementation in
 * {@code META-INF/services/io.tradingmetrics.storage.spi.MetricsStoreFactory}; configuration picks one by
 * {@link #name()} ({@code metrics.store.type}).
 */
public interface MetricsStoreFactory {

    /** @return the name configuration uses for this store, for example {@code duckdb} */
    String name();

    /** @return the Maven module that brings this store, named in errors about a missing store */
    String moduleName();

    /**
     * Opens a store, bringing its schema up to date when its configuration allows.
     *
     * @param storeConfig the store's own block ({@code metrics.store.<name>}), defaults included
     * @throws StoreConfigException when a value is not usable
     * @throws StoreUnavailableException when the database cannot be reached or opened
     * @throws SchemaException when the schema cannot be brought up to date
     */
    MetricsStore create(Config storeConfig);

    /**
     * Maps a JDBC URL such as {@code jdbc:duckdb:data/metrics.duckdb} to settings of this store's block.
     *
     * @return the settings that select what the URL names, or empty when this store does not take such URLs
     */
    default Optional<Config> configForUrl(String jdbcUrl) {
        return Optional.empty();
    }
}
