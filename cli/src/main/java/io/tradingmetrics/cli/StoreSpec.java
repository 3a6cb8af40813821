package io.tradingmetrics.cli;

import com.typesafe.config.Config;
import io.tradingmetrics.config.ConfigRedaction;
import io.tradingmetrics.config.MetricsConfig;
import io.tradingmetrics.config.StoreSelection;
import io.tradingmetrics.config.StoreSelector;
import io.tradingmetrics.config.StoreUrls;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreNotFoundException;
import io.tradingmetrics.storage.spi.EmptyStore;
import io.tradingmetrics.storage.api.OpenMode;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A store named on the command line: the process's configuration ({@code application.conf}, system properties,
 * environment), a {@code --config} file layered over it, and a JDBC URL ({@code --store}, {@code --from},
 * {@code --to}) on top, which each store on the classpath is asked to read; or a HOCON file that selects a store.
 * The store's factory names it ({@link #describe()}) and opens it in the mode the command needs, so nothing here
 * knows one store's settings. Failures to open get the command line's way out added.
 */
public final class StoreSpec {
    private static final String CREATE_HINT = " (the commands demo, import and schema migrate create a store;"
            + " --store or --config name another)";
    private static final String MIGRATE_HINT = " (run 'metrics schema migrate' to bring the schema up to date)";

    private final String given;
    private final StoreSelection selection;

    private StoreSpec(String given, StoreSelection selection) {
        this.given = given;
        this.selection = selection;
    }

    /**
     * @param text a store URL, as {@code --store} takes it, or the path of a HOCON file
     * @param baseConfig the global {@code --config} file, if given, under a URL
     * @return the store the text selects
     * @throws StoreConfigException when the text is neither, or the configuration is invalid
     */
    public static StoreSpec of(String text, Optional<Path> baseConfig) {
        requireNonNull(text, "text is null");
        requireNonNull(baseConfig, "baseConfig is null");
        // What is not a file and looks like a URL is read the way --store reads it: every store factory is asked
        // (jdbc:duckdb:, jdbc:postgresql:, postgresql://, ...), and the error names the accepted forms.
        if (!isFile(text) && text.contains(":")) {
            return global(baseConfig, Optional.of(text));
        }
        Path file = Path.of(text);
        if (!Files.isRegularFile(file)) {
            throw new StoreConfigException("'" + text + "' is neither a store URL (jdbc:duckdb:FILE, "
                    + "jdbc:postgresql://HOST/DB, postgresql://USER@HOST/DB) nor a configuration file");
        }
        return new StoreSpec(text, StoreSelector.create().select(MetricsConfig.load(file)));
    }

    /**
     * @param given what names the store in messages, for example {@code metrics.store.dual.primary of app.conf}
     * @param config a whole configuration whose {@code metrics.store} selects the store
     * @return the store the configuration selects
     * @throws StoreConfigException naming every problem of the configuration
     */
    public static StoreSpec ofConfig(String given, Config config) {
        requireNonNull(given, "given is null");
        requireNonNull(config, "config is null");
        return new StoreSpec(given, StoreSelector.create().select(config));
    }

    /** @return the type of the store ({@code metrics.store.type}) */
    public String type() {
        return selection.type();
    }

    private static boolean isFile(String text) {
        try {
            return Files.isRegularFile(Path.of(text));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * @param configFile the global {@code --config} file
     * @param storeUrl the global {@code --store} URL
     * @return the store the command line selects
     * @throws StoreConfigException naming every problem of the configuration
     */
    public static StoreSpec global(Optional<Path> configFile, Optional<String> storeUrl) {
        requireNonNull(configFile, "configFile is null");
        requireNonNull(storeUrl, "storeUrl is null");
        StoreSelector selector = StoreSelector.create();
        Config base = configFile.map(MetricsConfig::load).orElseGet(MetricsConfig::load);
        Config config = storeUrl.map(url -> StoreUrls.configForUrl(url, base, selector.factories())).orElse(base);
        String given = storeUrl.orElse(configFile.map(Path::toString).orElse("the configured store"));
        return new StoreSpec(given, selector.select(config));
    }

    /**
     * @param mode {@link OpenMode#READ_ONLY} or {@link OpenMode#VALIDATE} for commands that read,
     *             {@link OpenMode#MIGRATE} for commands that write
     * @return the store, opened; the caller closes it
     */
    public MetricsStore open(OpenMode mode) {
        requireNonNull(mode, "mode is null");
        try {
            return selection.open(mode);
        } catch (StoreNotFoundException e) {
            throw new StoreNotFoundException(e.getMessage() + CREATE_HINT, e);
        } catch (SchemaException e) {
            throw new SchemaException(e.getMessage() + MIGRATE_HINT, e);
        }
    }

    /**
     * Opens the store for a dry run of a command that writes to it: for reading only, and a store that a real run
     * would create reads as empty.
     *
     * @return the store, opened for reading only; the caller closes it
     */
    public MetricsStore openForDryRun() {
        try {
            return selection.open(OpenMode.READ_ONLY);
        } catch (StoreNotFoundException e) {
            return new EmptyStore(selection.type(), describe() + " (does not exist yet: a real run creates it)",
                    new SchemaInfo("none", "none", List.of()));
        } catch (SchemaException e) {
            throw new SchemaException(e.getMessage() + MIGRATE_HINT, e);
        }
    }

    /** @return the retention policy of the store's configuration ({@code metrics.store.retention}) */
    public RetentionPolicy retentionPolicy() {
        return selection.retention();
    }

    /** @return the store as its factory names it, for example {@code duckdb /abs/metrics.duckdb}, no secrets */
    public String describe() {
        return selection.describe();
    }

    /** @return what the command line said, secrets masked */
    @Override
    public String toString() {
        return ConfigRedaction.redactUrl(given);
    }
}
