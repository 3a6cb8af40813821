package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.tradingmetrics.storage.api.StoreConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Loads configuration the way {@link ConfigFactory#load()} does, from highest to lowest precedence: system
 * properties ({@code -Dmetrics.store.type=...}), the application's configuration ({@code application.conf}, or
 * {@code -Dconfig.file}), then every {@code reference.conf}; {@code ${?ENV_VAR}} substitutions take environment
 * variables. The difference: values taken from the environment say which variable they came from, so errors can
 * name it, and the environment can be given as a map.
 */
public final class MetricsConfig {
    private MetricsConfig() {}

    /** @return the configuration of the running process: system properties, application.conf, reference.conf */
    public static Config load() {
        return load(ConfigFactory.defaultApplication());
    }

    /**
     * Loads a HOCON file layered over the application's configuration: system properties still win over the file,
     * the file wins over {@code application.conf}.
     *
     * @throws StoreConfigException when the file is missing, unreadable or not valid HOCON
     */
    public static Config load(Path file) {
        requireNonNull(file, "file is null");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new StoreConfigException("config file " + file.toAbsolutePath() + " does not exist or cannot be read;"
                    + " give the path of a readable HOCON file");
        }
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new StoreConfigException("config file " + file + " is not valid HOCON: " + e.getMessage(), e);
        }
        return load(parsed.withFallback(ConfigFactory.defaultApplication()));
    }

    /** @return the application's configuration under system properties and over reference.conf, resolved */
    public static Config load(Config application) {
        return load(ConfigFactory.defaultOverrides(), application, System.getenv());
    }

    /**
     * The general form, for tests and embedders: {@code overrides} over {@code application} over every
     * {@code reference.conf}, with {@code ${?NAME}} substitutions looked up in the configuration first and in
     * {@code environment} second.
     *
     * @throws StoreConfigException when a substitution cannot be resolved
     */
    public static Config load(Config overrides, Config application, Map<String, String> environment) {
        requireNonNull(overrides, "overrides is null");
        requireNonNull(application, "application is null");
        requireNonNull(environment, "environment is null");
        Config unresolved = overrides.withFallback(application).withFallback(ConfigFactory.defaultReferenceUnresolved());
        try {
            return unresolved.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false)
                    .appendResolver(new EnvironmentResolver(Map.copyOf(environment))));
        } catch (ConfigException e) {
            throw new StoreConfigException("the configuration cannot be resolved: "
                    + ConfigRedaction.redactUrl(String.valueOf(e.getMessage())) + "; define the missing value", e);
        }
    }

    /** Resolves {@code ${?NAME}} from environment variables, tagging each value with the variable's name. */
    private record EnvironmentResolver(Map<String, String> environment) implements ConfigResolver {
        @Override
        public ConfigValue lookup(String path) {
            String value = environment.get(path);
            return value == null ? null : ConfigValueFactory.fromAnyRef(value, ConfigOrigins.ENV_VAR + " " + path);
        }

        @Override
        public ConfigResolver withFallback(ConfigResolver fallback) {
            EnvironmentResolver self = this;
            return new ConfigResolver() {
                @Override
                public ConfigValue lookup(String path) {
                    ConfigValue value = self.lookup(path);
                    return value != null ? value : fallback.lookup(path);
                }

                @Override
                public ConfigResolver withFallback(ConfigResolver next) {
                    return self.withFallback(fallback.withFallback(next));
                }
            };
        }
    }
}
