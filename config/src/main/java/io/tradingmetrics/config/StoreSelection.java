package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.api.StoreConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The store that a valid configuration selects: its factory and its block ({@code metrics.store.<type>}).
 * Obtained from {@link StoreSelector#select(Config)}; {@link #open()} builds the store.
 *
 * @param type the value of {@code metrics.store.type}
 * @param factory the factory of that name
 * @param storeConfig the store's block, defaults included (empty when the store declares none)
 */
public record StoreSelection(String type, MetricsStoreFactory factory, Config storeConfig) {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSelection.class);

    public StoreSelection {
        requireNonNull(type, "type is null");
        requireNonNull(factory, "factory is null");
        requireNonNull(storeConfig, "storeConfig is null");
    }

    /**
     * Opens the store. The caller owns it and closes it.
     *
     * @throws StoreConfigException when the store finds a value it cannot use
     */
    public MetricsStore open() {
        LOG.debug("opening the {} store with {}", type, ConfigRedaction.render(storeConfig));
        try {
            return factory.create(storeConfig);
        } catch (ConfigException e) {
            // The store read its block with a getter that refused a value (a size, a duration, a missing key).
            throw new StoreConfigException(StoreConfigValidator.STORE_PATH + "." + type + ": "
                    + redactMessage(e.getMessage()) + "; fix the value in the configuration", e);
        }
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
