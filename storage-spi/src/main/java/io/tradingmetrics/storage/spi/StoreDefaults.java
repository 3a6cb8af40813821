package io.tradingmetrics.storage.spi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;

import static java.util.Objects.requireNonNull;

/**
 * Puts the defaults of the {@code reference.conf} files beneath a configuration that may lack them, the same way for
 * every caller: the config module's selector (an app may hand it a parsed file rather than a loaded configuration)
 * and each factory for its own block (the compatibility kit, tests and benchmarks call factories with only some
 * keys). Layering twice changes nothing, so a block that already holds every default passes through unchanged.
 * Which keys are allowed is not checked here: that is the config module's, against the same files.
 */
public final class StoreDefaults {
    /** Where the stores' configuration lives: {@code metrics.store.type} and one block per store. */
    public static final String STORES_PATH = "metrics.store";

    private StoreDefaults() {}

    /**
     * @return the configuration over every {@code reference.conf} the class loader sees, resolved (substitutions
     *         such as {@code ${?METRICS_DUCKDB_PATH}} take the process's environment variables)
     * @throws com.typesafe.config.ConfigException when a substitution cannot be resolved
     */
    public static Config withReference(Config config, ClassLoader loader) {
        requireNonNull(config, "config is null");
        requireNonNull(loader, "loader is null");
        return config.withFallback(ConfigFactory.defaultReference(loader)).resolve();
    }

    /**
     * @param block the store's own block ({@code metrics.store.<name>}), possibly only some of its keys
     * @param storeName the factory's {@link MetricsStoreFactory#name()}
     * @param loader the class loader of the store's module, whose {@code reference.conf} declares the block
     * @return the block with the declared defaults beneath it
     */
    public static Config storeBlock(Config block, String storeName, ClassLoader loader) {
        requireNonNull(block, "block is null");
        String path = STORES_PATH + "." + ConfigUtil.joinPath(requireNonNull(storeName, "storeName is null"));
        Config defaults = ConfigFactory.defaultReference(requireNonNull(loader, "loader is null"));
        return defaults.hasPath(path) ? block.withFallback(defaults.getConfig(path)).resolve() : block.resolve();
    }
}
