package io.tradingmetrics.storage.timescale;

import com.typesafe.config.Config;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.api.OpenMode;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

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
    public MetricsStore open(Config storeConfig, OpenMode mode) {
        requireNonNull(mode, "mode is null");
        return TimescaleMetricsStore.open(TimescaleSettings.from(storeConfig), mode);
    }

    /** @return {@code timescale postgresql://host:port/database schema NAME}: no credentials, no URL parameters */
    @Override
    public String describe(Config storeConfig) {
        TimescaleSettings settings = TimescaleSettings.from(storeConfig);
        return NAME + " " + settings.server().describe(settings.user()) + " schema " + settings.schema();
    }

    /** Takes {@code jdbc:postgresql:} URLs and libpq {@code postgresql://} URIs; user and password move to their keys. */
    @Override
    public Optional<Config> configForUrl(String jdbcUrl) {
        return PostgresUrl.isPostgresUrl(jdbcUrl.trim()) ? Optional.of(TimescaleSettings.forUrl(jdbcUrl))
                : Optional.empty();
    }
}
