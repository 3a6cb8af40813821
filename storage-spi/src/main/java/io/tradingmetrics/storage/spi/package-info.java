/**
 * What a store implementation provides so that configuration can find and open it; apps never code against this
 * package (they use {@link io.tradingmetrics.storage.api.MetricsStore} and a configured store).
 *
 * <p>A store module registers one {@link io.tradingmetrics.storage.spi.MetricsStoreFactory} in
 * {@code META-INF/services/io.tradingmetrics.storage.spi.MetricsStoreFactory}, found by
 * {@link java.util.ServiceLoader} on a flat classpath, and declares the defaults of its own configuration block
 * ({@code metrics.store.<name>}) in its {@code reference.conf}. The factory receives that block with the defaults
 * already merged and checked, so it reads typed values and reports only values that cannot be used.
 *
 * <p>This is the only place of the storage layer that names a configuration library (Typesafe Config), so that
 * the API stays free of dependencies. No type here is null unless its documentation says so.
 */
package io.tradingmetrics.storage.spi;
