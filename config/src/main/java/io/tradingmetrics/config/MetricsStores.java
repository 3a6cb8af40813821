package io.tradingmetrics.config;

import com.typesafe.config.Config;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.OpenMode;

/**
 * Opens the configured store in one line, without Guice. The caller owns the store and closes it:
 * <pre>{@code
 * try (MetricsStore store = MetricsStores.open()) {
 *     store.insertMetrics(points);
 * }
 * }</pre>
 * A reader that must never change the store (a dashboard, a backup) opens it with {@link OpenMode#READ_ONLY}:
 * {@code MetricsStores.open(MetricsConfig.load(), OpenMode.READ_ONLY)}.
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
        return open(config, OpenMode.CONFIGURED);
    }

    /**
     * Opens the store that {@code metrics.store.type} selects in the given mode, after checking
     * {@code metrics.store}.
     *
     * @param config the application's configuration
     * @param mode what opening may do to the store
     * @return the open store; the caller closes it
     * @throws StoreConfigException naming every problem of the configuration
     * @throws io.tradingmetrics.storage.api.StoreNotFoundException when the mode does not create stores and the
     *         store does not exist
     */
    public static MetricsStore open(Config config, OpenMode mode) {
        return StoreSelector.create().select(config).open(mode);
    }

    /**
     * Opens the store a JDBC URL names, for example {@code jdbc:duckdb:data/metrics.duckdb}; the store's other
     * settings come from the process's configuration.
     *
     * @throws StoreConfigException when no store on the classpath takes the URL, naming the accepted schemes
     */
    public static MetricsStore open(String jdbcUrl) {
        return open(jdbcUrl, OpenMode.CONFIGURED);
    }

    /**
     * Opens the store a JDBC URL names in the given mode; the store's other settings come from the process's
     * configuration.
     *
     * @param jdbcUrl for example {@code jdbc:duckdb:data/metrics.duckdb}
     * @param mode what opening may do to the store
     * @return the open store; the caller closes it
     * @throws StoreConfigException when no store on the classpath takes the URL, naming the accepted schemes
     * @throws io.tradingmetrics.storage.api.StoreNotFoundException when the mode does not create stores and the
     *         store does not exist
     */
    public static MetricsStore open(String jdbcUrl, OpenMode mode) {
        StoreSelector selector = StoreSelector.create();
        return selector.select(StoreUrls.configForUrl(jdbcUrl, MetricsConfig.load(), selector.factories()))
                .open(mode);
    }
}
