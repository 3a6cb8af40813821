/**
 * Picks and opens the configured store: HOCON ({@code metrics.store.type} and the store's own block, checked key by
 * key against every {@code reference.conf}), {@link java.util.ServiceLoader} discovery of the
 * {@link io.tradingmetrics.storage.spi.MetricsStoreFactory} implementations, a Guice module
 * ({@link io.tradingmetrics.config.MetricsStoreModule}) and one-liners ({@link io.tradingmetrics.config.MetricsStores}).
 * Every message that prints configuration masks secrets ({@link io.tradingmetrics.config.ConfigRedaction}).
 */
package io.tradingmetrics.config;
