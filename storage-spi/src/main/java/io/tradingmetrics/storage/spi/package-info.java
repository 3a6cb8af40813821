/**
 * What a store implementation provides so that configuration can find and open it; apps never code against this
 * package (they use {@link io.tradingmetrics.storage.api.MetricsStore} and a configured store).
 *
 * <p>A store module registers one {@link io.tradingmetrics.storage.spi.MetricsStoreFactory} in
 * {@code META-INF/services/io.tradingmetrics.storage.spi.MetricsStoreFactory}, found by
 * {@link java.util.ServiceLoader} on a flat classpath, and declares the defaults of its own configuration block
 * ({@code metrics.store.<name>}) in its {@code reference.conf}. Through the config module the factory receives that
 * block with every default and only known keys (the config module refuses the others, naming where they came from);
 * called directly it may receive only some keys and fills the rest with
 * {@link io.tradingmetrics.storage.spi.StoreDefaults#storeBlock}. Either way it reports only values it cannot use.
 *
 * <p>The configuration library (Typesafe Config) enters the storage layer here and in the store modules, never in the
 * API, so that an app coding against the API pulls in nothing. No type here is null unless its documentation says so.
 */
package io.tradingmetrics.storage.spi;
