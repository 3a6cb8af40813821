package io.tradingmetrics.config;

import com.typesafe.config.Config;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreConfigException;

/**
 * Opens the configured store in one line, without Guice. The caller owns the store and closes it:
 * <pre>{@code
 * try (MetricsStore store = MetricsStores.open()) {
 *     store.insertMetrics(points);
 * }
 * }</pre>
 */
public final class MetricsStores {
    private MetricsStores() {}

    /** Opens the store that the process's configuration ({@link MetricsConfig#load()}) selects. */
    public static MetricsStore open() {
        return open(MetricsConfig.load());
    }

    /**
     * Opens the store that {@code metrics.store.type} selects, after checking {@code metrics.store}.
     *
     * @throws StoreConfigException naming every problem of the configuration
     */
    public static MetricsStore open(Config config) {
        return StoreSelector.create().select(config).open();
    }

    /**
     * Opens the store a JDBC URL names, for example {@code jdbc:duckdb:data/metrics.duckdb}; the store's other
     * settings come from the process's configuration.
     *
     * @throws StoreConfigException when no store on the classpath takes the URL, naming the accepted schemes
     */
    public static MetricsStore open(String jdbcUrl) {
        StoreSelector selector = StoreSelector.create();
        return selector.select(StoreUrls.configForUrl(jdbcUrl, MetricsConfig.load(), selector.factories())).open();
    }
}
