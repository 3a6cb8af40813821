package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The store that a valid configuration selects: its factory and its block ({@code metrics.store.<type>}).
 * Obtained from {@link StoreSelector#select(Config)}; {@link #open()} builds the store as configured,
 * {@link #open(OpenMode)} for reading only, validating or migrating, and {@link #describe()} names it.
 *
 * @param type the value of {@code metrics.store.type}
 * @param factory the factory of that name
 * @param storeConfig the store's block, defaults included (empty when the store declares none)
 * @param retention the retention policy of {@code metrics.store.retention}, checked with the rest
 */
public record StoreSelection(String type, MetricsStoreFactory factory, Config storeConfig, RetentionPolicy retention) {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSelection.class);

    public StoreSelection {
        requireNonNull(type, "type is null");
        requireNonNull(factory, "factory is null");
        requireNonNull(storeConfig, "storeConfig is null");
        requireNonNull(retention, "retention is null");
    }

    /** A selection whose store keeps everything forever. */
    public StoreSelection(String type, MetricsStoreFactory factory, Config storeConfig) {
        this(type, factory, storeConfig, RetentionPolicy.keepForever());
    }

    /**
     * Opens the store as its configuration says ({@link OpenMode#CONFIGURED}). The caller owns it and closes it.
     *
     * @return the open store
     * @throws StoreConfigException when the store finds a value it cannot use
     * @throws io.tradingmetrics.storage.api.MetricsStoreException as {@link MetricsStoreFactory#open} throws
     */
    public MetricsStore open() {
        return open(OpenMode.CONFIGURED);
    }

    /**
     * Opens the store in the given mode, for example {@link OpenMode#READ_ONLY} for a reader that must never change
     * it. The caller owns it and closes it.
     *
     * @param mode what opening may do to the store
     * @return the open store
     * @throws StoreConfigException when the store finds a value it cannot use
     * @throws io.tradingmetrics.storage.api.StoreNotFoundException when the mode does not create stores and the
     *         store does not exist
     * @throws io.tradingmetrics.storage.api.MetricsStoreException as {@link MetricsStoreFactory#open} throws
     */
    public MetricsStore open(OpenMode mode) {
        requireNonNull(mode, "mode is null");
        LOG.debug("opening the {} store ({}) with {}", type, mode, ConfigRedaction.render(storeConfig));
        try {
            return factory.open(storeConfig, mode);
        } catch (ConfigException e) {
            throw invalidValue(e);
        }
    }

    /**
     * @return the store named by its factory, the same however it was spelled and without secrets, for example
     *         {@code duckdb /srv/data/metrics.duckdb}: for checkpoints, messages and logs
     * @throws StoreConfigException when the store's block does not name a store
     */
    public String describe() {
        try {
            return factory.describe(storeConfig);
        } catch (ConfigException e) {
            throw invalidValue(e);
        }
    }

    /** The store read its block with a getter that refused a value (a size, a duration, a missing key). */
    private StoreConfigException invalidValue(ConfigException e) {
        return new StoreConfigException(StoreConfigValidator.STORE_PATH + "." + type + ": "
                + redactMessage(e.getMessage()) + "; fix the value in the configuration", e);
    }

    @Override
    public String toString() {
        return "StoreSelection[type=" + type + ", factory=" + factory.getClass().getName() + ", storeConfig="
                + ConfigRedaction.render(storeConfig) + "]";
    }

    private static String redactMessage(String message) {
        return message == null ? "invalid value" : ConfigRedaction.redactUrl(message);
    }
}
