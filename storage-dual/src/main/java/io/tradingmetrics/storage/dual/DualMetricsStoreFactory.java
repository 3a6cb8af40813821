package io.tradingmetrics.storage.dual;

import com.typesafe.config.Config;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Builds {@link DualMetricsStore}s: {@code metrics.store.type = dual}, with {@code metrics.store.dual.primary} and
 * {@code .secondary} each a whole store configuration of another type, whose factories are found through
 * {@link java.util.ServiceLoader} like any store's.
 */
public final class DualMetricsStoreFactory implements MetricsStoreFactory {

    @Override
    public String name() {
        return DualStoreConfig.NAME;
    }

    @Override
    public String moduleName() {
        return "storage-dual";
    }

    @Override
    public List<String> nestedStoreKeys() {
        return DualStoreConfig.NESTED_KEYS;
    }

    /**
     * Opens both stores and the outbox ({@link DualMetricsStore#open}); in {@link OpenMode#READ_ONLY} and
     * {@link OpenMode#VALIDATE} only the primary, read as that mode says, without the outbox.
     */
    @Override
    public MetricsStore open(Config storeConfig, OpenMode mode) {
        requireNonNull(mode, "mode is null");
        return DualMetricsStore.open(settings(storeConfig), mode);
    }

    /** @return {@code dual primary <primary> secondary <secondary>} */
    @Override
    public String describe(Config storeConfig) {
        DualStoreConfig config = settings(storeConfig);
        return "dual primary " + config.primary().describe() + " secondary " + config.secondary().describe();
    }

    private static DualStoreConfig settings(Config storeConfig) {
        requireNonNull(storeConfig, "storeConfig is null");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return DualStoreConfig.from(storeConfig, loader != null ? loader : DualMetricsStoreFactory.class.getClassLoader());
    }
}
