package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.api.StoreConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Turns a JDBC URL into the configuration that selects the store it names, asking each factory on the classpath. */
public final class StoreUrls {
    private StoreUrls() {}

    /**
     * @param jdbcUrl for example {@code jdbc:duckdb:data/metrics.duckdb}
     * @param base the configuration to layer the URL's settings over (the store's other settings come from it)
     * @return {@code base} with {@code metrics.store.type} and the URL's settings of that store's block set
     * @throws StoreConfigException when no store on the classpath takes the URL, naming the accepted schemes
     */
    public static Config configForUrl(String jdbcUrl, Config base, StoreFactories factories) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(base, "base is null");
        requireNonNull(factories, "factories is null");
        for (MetricsStoreFactory factory : factories.all()) {
            Optional<Config> settings = factory.configForUrl(jdbcUrl);
            if (settings.isPresent()) {
                String block = StoreConfigValidator.STORE_PATH + "." + ConfigUtil.joinPath(factory.name());
                return ConfigFactory.empty()
                        .withValue(StoreSelector.TYPE_PATH, ConfigValueFactory.fromAnyRef(factory.name(), "store URL"))
                        .withValue(block, settings.get().root())
                        .withFallback(base);
            }
        }
        throw new StoreConfigException(noStoreFor(jdbcUrl, factories));
    }

    private static String noStoreFor(String jdbcUrl, StoreFactories factories) {
        String shown = ConfigRedaction.redactUrl(jdbcUrl);
        Optional<KnownBackends.KnownBackend> known = KnownBackends.byUrl(jdbcUrl);
        if (known.isPresent() && factories.byName(known.get().name()).isEmpty()) {
            return "the store URL " + shown + " needs the " + known.get().name() + " store, which is not on the "
                    + "classpath (found: " + factories.namesText() + "). Add the " + known.get().moduleName()
                    + " module to the classpath.";
        }
        List<String> schemes = new ArrayList<>();
        for (MetricsStoreFactory factory : factories.all()) {
            if (!factory.nestedStoreKeys().isEmpty()) {
                continue; // a store over other stores takes no URL of its own
            }
            schemes.add(KnownBackends.byName(factory.name()).map(b -> b.urlPrefix() + "... (" + factory.name() + ")")
                    .orElse(factory.name() + " (see the " + factory.moduleName() + " module for its URLs)"));
        }
        return "no store on the classpath takes the URL " + shown + "; accepted: "
                + (schemes.isEmpty() ? "none, no store is on the classpath" : String.join(", ", schemes))
                + (known.isPresent() ? "" : "; for example jdbc:duckdb:data/metrics.duckdb");
    }
}
