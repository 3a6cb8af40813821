/**
 * The SPI that apps code against: {@link io.tradingmetrics.storage.api.MetricsStore}, its value types, and
 * {@link io.tradingmetrics.storage.spi.MetricsStoreFactory} through which backends are found.
 * No type here is null unless its documentation says so; absent values are {@code Optional}s.
 */
package io.tradingmetrics.storage.api;
