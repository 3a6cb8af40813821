package io.tradingmetrics.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.tradingmetrics.config.ConfigRedaction;
import io.tradingmetrics.config.MetricsConfig;
import io.tradingmetrics.config.StoreSelection;
import io.tradingmetrics.config.StoreSelector;
import io.tradingmetrics.config.StoreUrls;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreConfigException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Opens the store the command line asks for: the process's configuration ({@code application.conf}, system
 * properties, environment), a {@code --config} file layered over it, and a {@code --store} URL on top, which each
 * store on the classpath is asked to read, so a new store needs no change here.
 */
final class StoreOpener {
    /** The setting by which stores bring their schema up to date when they open. */
    static final String MIGRATE_ON_START = "migrate-on-start";

    private final Optional<Path> configFile;
    private final Optional<String> storeUrl;

    StoreOpener(Optional<Path> configFile, Optional<String> storeUrl) {
        this.configFile = requireNonNull(configFile, "configFile is null");
        this.storeUrl = requireNonNull(storeUrl, "storeUrl is null");
    }

    /**
     * @throws StoreConfigException naming every problem of the configuration
     */
    StoreSelection select() {
        StoreSelector selector = StoreSelector.create();
        Config base = configFile.map(MetricsConfig::load).orElseGet(MetricsConfig::load);
        Config config = storeUrl.map(url -> StoreUrls.configForUrl(url, base, selector.factories())).orElse(base);
        return selector.select(config);
    }

    /** Opens the selected store as configured. */
    MetricsStore open() {
        return select().open();
    }

    /**
     * Opens the selected store with settings of its block replaced, for example {@code migrate-on-start = false}.
     *
     * @throws StoreConfigException when the store has no such setting, so the command cannot do what it promises
     */
    MetricsStore open(Map<String, Object> overrides) {
        return withOverrides(select(), overrides).open();
    }

    static StoreSelection withOverrides(StoreSelection selection, Map<String, Object> overrides) {
        Config block = selection.storeConfig();
        for (Map.Entry<String, Object> override : overrides.entrySet()) {
            if (!block.hasPathOrNull(override.getKey())) {
                throw new StoreConfigException("the " + selection.type() + " store has no setting '"
                        + override.getKey() + "' (metrics.store." + selection.type() + "." + override.getKey()
                        + "), which this command needs");
            }
            block = block.withValue(override.getKey(),
                    ConfigValueFactory.fromAnyRef(override.getValue(), "metrics command line"));
        }
        return new StoreSelection(selection.type(), selection.factory(), block);
    }

    /** @return for example {@code duckdb (path=data/metrics.duckdb)}, secrets masked */
    static String describe(StoreSelection selection) {
        Config block = ConfigRedaction.redact(selection.storeConfig());
        String settings = block.root().keySet().stream().filter(key -> key.equals("path") || key.equals("url"))
                .sorted().map(key -> key + "=" + block.getValue(key).unwrapped()).collect(Collectors.joining(", "));
        return selection.type() + (settings.isEmpty() ? "" : " (" + settings + ")");
    }
}
