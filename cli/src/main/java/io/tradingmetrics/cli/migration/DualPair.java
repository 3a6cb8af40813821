package io.tradingmetrics.cli.migration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.tradingmetrics.cli.StoreSpec;
import io.tradingmetrics.storage.api.StoreConfigException;

/**
 * The two stores of an app's dual-store configuration ({@code metrics.store.type = dual}), each opened as its own
 * store: the commands of the cut-over runbook ({@code migrate --backfill}, {@code verify}, {@code catch-up}) work on
 * them from outside the app, never through the app's dual store and never taking its lock.
 *
 * @param given the configuration's name in messages (the {@code --config} file)
 * @param config the whole configuration
 * @param primary the store the app reads from and whose writes decide
 * @param secondary the store the app mirrors into
 */
record DualPair(String given, Config config, StoreSpec primary, StoreSpec secondary) {
    static final String DUAL = "dual";
    private static final String BLOCK = "metrics.store.dual";

    /**
     * @param command the command, for the message that refuses a configuration without a dual store
     * @throws StoreConfigException when the configuration does not select a dual store
     */
    static DualPair of(String given, Config config, String command) {
        String type = config.hasPath("metrics.store.type") ? config.getString("metrics.store.type") : "duckdb";
        if (!DUAL.equals(type)) {
            throw new StoreConfigException(command + " works on the two stores of a dual store, but " + given
                    + " has metrics.store.type = " + type + "; give the app's configuration with metrics.store.type"
                    + " = dual and its primary and secondary blocks (or name two stores with --from and --to)");
        }
        return new DualPair(given, config, half(given, config, "primary"), half(given, config, "secondary"));
    }

    private static StoreSpec half(String given, Config config, String name) {
        String path = BLOCK + "." + name;
        Config block;
        try {
            block = config.getConfig(path);
        } catch (ConfigException e) {
            throw new StoreConfigException(given + " has no " + path + " block; give it as a store configuration"
                    + " such as " + path + " { type = duckdb, duckdb { path = data/metrics.duckdb } }", e);
        }
        Config alone = block.atPath("metrics.store").withFallback(config.withoutPath("metrics.store"));
        return StoreSpec.ofConfig(path + " of " + given, alone);
    }
}
