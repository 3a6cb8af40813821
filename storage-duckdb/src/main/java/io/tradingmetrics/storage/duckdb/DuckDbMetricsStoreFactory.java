package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.spi.StoreDefaults;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Builds {@link DuckDbMetricsStore}s: {@code metrics.store.type = duckdb}. */
public final class DuckDbMetricsStoreFactory implements MetricsStoreFactory {
    private static final String URL_PREFIX = "jdbc:duckdb:";

    @Override
    public String name() {
        return DuckDbMetricsStore.NAME;
    }

    @Override
    public String moduleName() {
        return "storage-duckdb";
    }

    /** Missing keys take the defaults of this module's reference.conf. */
    @Override
    public MetricsStore create(Config storeConfig) {
        requireNonNull(storeConfig, "storeConfig is null");
        return DuckDbMetricsStore.open(DuckDbStoreConfig.from(
                StoreDefaults.storeBlock(storeConfig, name(), DuckDbMetricsStoreFactory.class.getClassLoader())));
    }

    /** {@code jdbc:duckdb:PATH} names a file; {@code jdbc:duckdb:} and {@code jdbc:duckdb::memory:} memory. */
    @Override
    public Optional<Config> configForUrl(String jdbcUrl) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        if (!jdbcUrl.startsWith(URL_PREFIX)) {
            return Optional.empty();
        }
        String path = jdbcUrl.substring(URL_PREFIX.length());
        if (path.isBlank() || path.equals(DuckDbStoreConfig.IN_MEMORY)) {
            path = DuckDbStoreConfig.IN_MEMORY;
        }
        return Optional.of(ConfigFactory.parseMap(Map.of("path", path), "JDBC URL " + jdbcUrl));
    }
}
