package io.tradingmetrics.storage.timescale;

import com.typesafe.config.Config;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;

import java.util.Optional;

/** Builds the TimescaleDB / PostgreSQL store ({@code metrics.store.type = timescale}). */
public final class TimescaleMetricsStoreFactory implements MetricsStoreFactory {
    /** The store's name in configuration. */
    public static final String NAME = "timescale";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String moduleName() {
        return "storage-timescale";
    }

    @Override
    public MetricsStore create(Config storeConfig) {
        return TimescaleMetricsStore.open(TimescaleSettings.from(storeConfig));
    }

    /** Takes {@code jdbc:postgresql:} URLs and libpq {@code postgresql://} URIs; user and password move to their keys. */
    @Override
    public Optional<Config> configForUrl(String jdbcUrl) {
        return PostgresUrl.isPostgresUrl(jdbcUrl.trim()) ? Optional.of(TimescaleSettings.forUrl(jdbcUrl))
                : Optional.empty();
    }
}
