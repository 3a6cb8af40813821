package io.tradingmetrics.cli.migration;

import com.typesafe.config.Config;
import io.tradingmetrics.config.ConfigRedaction;
import io.tradingmetrics.config.MetricsConfig;
import io.tradingmetrics.config.StoreSelection;
import io.tradingmetrics.config.StoreSelector;
import io.tradingmetrics.config.StoreUrls;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreConfigException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A store named on the command line: a store URL ({@code jdbc:duckdb:...}, {@code postgresql://...}) layered over
 * the process's configuration, or a HOCON file that selects a store ({@code metrics.store.type} and its block).
 * Its {@link #id()} is stable across working directories and spellings, so that a migration's checkpoint is found
 * again: file paths are made absolute, passwords masked.
 */
final class StoreSpec {
    private final String given;
    private final StoreSelection selection;

    private StoreSpec(String given, StoreSelection selection) {
        this.given = given;
        this.selection = selection;
    }

    /**
     * @param text a store URL, as {@code --store} takes it, or the path of a HOCON file
     * @param baseConfig the global {@code --config} file, if given, under a URL
     */
    static StoreSpec of(String text, Optional<Path> baseConfig) {
        requireNonNull(text, "text is null");
        StoreSelector selector = StoreSelector.create();
        Config config;
        // What is not a file and looks like a URL is read the way --store reads it: every store factory is asked
        // (jdbc:duckdb:, jdbc:postgresql:, postgresql://, ...), and the error names the accepted forms.
        if (!isFile(text) && text.contains(":")) {
            Config base = baseConfig.map(MetricsConfig::load).orElseGet(MetricsConfig::load);
            config = StoreUrls.configForUrl(text, base, selector.factories());
        } else {
            Path file = Path.of(text);
            if (!Files.isRegularFile(file)) {
                throw new StoreConfigException("'" + text + "' is neither a store URL (jdbc:duckdb:FILE, "
                        + "jdbc:postgresql://HOST/DB, postgresql://USER@HOST/DB) nor a configuration file");
            }
            config = MetricsConfig.load(file);
        }
        return new StoreSpec(text, selector.select(config));
    }

    private static boolean isFile(String text) {
        try {
            return Files.isRegularFile(Path.of(text));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** @return the store of the global {@code --store} URL or {@code --config} file of the command line */
    static StoreSpec global(CommandSpec spec) {
        Optional<Path> configFile = value(spec, "--config");
        Optional<String> url = value(spec, "--store");
        if (url.isPresent()) {
            return of(url.get(), configFile);
        }
        StoreSelector selector = StoreSelector.create();
        Config config = configFile.map(MetricsConfig::load).orElseGet(MetricsConfig::load);
        return new StoreSpec(configFile.map(Path::toString).orElse("the configured store"), selector.select(config));
    }

    private static <T> Optional<T> value(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        return option == null ? Optional.empty() : Optional.ofNullable(option.getValue());
    }

    MetricsStore open() {
        return selection.open();
    }

    /** @return what identifies the store: {@code duckdb:/abs/path.duckdb}, {@code timescale:URL#schema=public} */
    String id() {
        Config block = selection.storeConfig();
        StringBuilder id = new StringBuilder(selection.type()).append(':');
        if (block.hasPath("path")) {
            String path = block.getString("path");
            id.append(path.equals(":memory:") ? path : Path.of(path).toAbsolutePath().normalize().toString());
        } else if (block.hasPath("url") && !block.getString("url").isBlank()) {
            id.append(ConfigRedaction.redactUrl(block.getString("url")));
        } else {
            for (String key : new String[] {"host", "port", "database"}) {
                if (block.hasPath(key)) {
                    id.append(key).append('=').append(block.getValue(key).unwrapped()).append(';');
                }
            }
        }
        if (block.hasPath("schema")) {
            id.append("#schema=").append(block.getString("schema"));
        }
        return id.toString();
    }

    @Override
    public String toString() {
        return ConfigRedaction.redactUrl(given);
    }
}
