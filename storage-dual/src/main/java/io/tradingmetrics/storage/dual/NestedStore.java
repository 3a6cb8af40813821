package io.tradingmetrics.storage.dual;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;

import static java.util.Objects.requireNonNull;

/**
 * One of the dual store's two stores, as configured: {@code metrics.store.dual.primary} or {@code .secondary}.
 *
 * @param path where it is configured, for example {@code metrics.store.dual.primary}
 * @param type its {@code type}
 * @param factory the factory of that type
 * @param block the store's own block ({@code <path>.<type>}), defaults included
 */
public record NestedStore(String path, String type, MetricsStoreFactory factory, Config block) {
    public NestedStore {
        requireNonNull(path, "path is null");
        requireNonNull(type, "type is null");
        requireNonNull(factory, "factory is null");
        requireNonNull(block, "block is null");
    }

    /**
     * Opens this store alone, for example for a copy into the secondary while it is held ({@link SecondaryHold}).
     *
     * @return the open store; the caller closes it
     * @throws io.tradingmetrics.storage.api.MetricsStoreException as its factory throws
     */
    public MetricsStore open(OpenMode mode) {
        requireNonNull(mode, "mode is null");
        try {
            return factory.open(block, mode);
        } catch (ConfigException e) {
            throw new StoreConfigException(path + "." + type + ": " + e.getMessage() + "; fix the value", e);
        }
    }

    /** @return the store as its factory names it, for example {@code duckdb /srv/m.duckdb} */
    public String describe() {
        try {
            return factory.describe(block);
        } catch (ConfigException e) {
            throw new StoreConfigException(path + "." + type + ": " + e.getMessage() + "; fix the value", e);
        }
    }
}
