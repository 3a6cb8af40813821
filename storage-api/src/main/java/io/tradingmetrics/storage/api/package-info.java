/**
 * The API apps code against: {@link io.tradingmetrics.storage.api.MetricsStore}, the values it takes and returns,
 * and the {@link io.tradingmetrics.storage.api.MetricsStoreException} hierarchy it throws.
 *
 * <p>This package is the whole contract between an app and a store: it depends on nothing beyond the JDK and says
 * what every store guarantees, never how a particular one keeps its data. Value types validate in their
 * constructors, so a store receives only values it can hold (see {@link io.tradingmetrics.storage.api.Names} and
 * {@link io.tradingmetrics.storage.api.Timestamps}). No type here is null unless its documentation says so; absent
 * values are {@code Optional}s.
 */
package io.tradingmetrics.storage.api;
