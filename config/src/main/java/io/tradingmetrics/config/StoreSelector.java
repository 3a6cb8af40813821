package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.spi.StoreDefaults;
import io.tradingmetrics.storage.api.StoreConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Picks the store that {@code metrics.store.type} names among the factories on the classpath, after checking the
 * whole {@code metrics.store} tree against the reference configuration.
 */
public final class StoreSelector {
    static final String TYPE_PATH = StoreConfigValidator.STORE_PATH + ".type";

    private final StoreFactories factories;
    private final ReferenceShape reference;
    private final ClassLoader loader;

    private StoreSelector(StoreFactories factories, ReferenceShape reference, ClassLoader loader) {
        this.factories = factories;
        this.reference = reference;
        this.loader = loader;
    }

    /** @return a selector over the factories and reference configuration of the thread's context class loader */
    public static StoreSelector create() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return create(loader != null ? loader : StoreSelector.class.getClassLoader());
    }

    /** @return a selector over the factories and reference configuration visible to the class loader */
    public static StoreSelector create(ClassLoader loader) {
        requireNonNull(loader, "loader is null");
        return new StoreSelector(StoreFactories.discover(loader), ReferenceShape.load(loader), loader);
    }

    /** @return the factories this selector chooses among */
    public StoreFactories factories() {
        return factories;
    }

    /**
     * @param config the application's configuration; the reference configuration is added as its fallback
     * @return the selected store, not yet opened
     * @throws StoreConfigProblemsException listing every problem: an unknown store type, unknown keys, wrong types
     */
    public StoreSelection select(Config config) {
        requireNonNull(config, "config is null");
        Config effective;
        try {
            effective = StoreDefaults.withReference(config, loader);
        } catch (ConfigException e) {
            throw new StoreConfigException("the configuration cannot be resolved: "
                    + ConfigRedaction.redactUrl(String.valueOf(e.getMessage())), e);
        }
        List<String> problems = new ArrayList<>();
        Optional<MetricsStoreFactory> factory = selectFactory(effective, problems);
        problems.addAll(new StoreConfigValidator(reference, factories).validate(effective));
        Optional<RetentionPolicy> retention = problems.isEmpty() ? RetentionSettings.read(effective, problems)
                : Optional.empty();
        if (!problems.isEmpty()) {
            throw new StoreConfigProblemsException(problems);
        }
        MetricsStoreFactory chosen = factory.orElseThrow();
        String blockPath = StoreConfigValidator.STORE_PATH + "." + ConfigUtil.joinPath(chosen.name());
        Config block = effective.hasPath(blockPath) ? effective.getConfig(blockPath) : ConfigFactory.empty();
        return new StoreSelection(chosen.name(), chosen, block, retention.orElseThrow());
    }

    private Optional<MetricsStoreFactory> selectFactory(Config config, List<String> problems) {
        if (!config.hasPath(TYPE_PATH)) {
            problems.add(TYPE_PATH + " is not set; set it to one of: " + String.join(", ", validChoices()));
            return Optional.empty();
        }
        ConfigValue value = config.getValue(TYPE_PATH);
        String type;
        try {
            type = config.getString(TYPE_PATH);
        } catch (ConfigException.WrongType e) {
            problems.add(TYPE_PATH + " = " + ConfigRedaction.renderValue(TYPE_PATH, value) + " ("
                    + ConfigOrigins.describe(value.origin()) + ") has the wrong type: expected a string, one of: "
                    + String.join(", ", validChoices()));
            return Optional.empty();
        }
        Optional<MetricsStoreFactory> factory = factories.byName(type);
        if (factory.isEmpty()) {
            problems.add(unknownType(type, ConfigOrigins.describe(value.origin())));
        }
        return factory;
    }

    private String unknownType(String type, String origin) {
        String head = TYPE_PATH + " = \"" + type + "\" (" + origin + ")";
        Optional<KnownBackends.KnownBackend> known = KnownBackends.byName(type);
        if (known.isPresent()) {
            return head + " but no such store is on the classpath (found: " + factories.namesText() + "). Add the "
                    + known.get().moduleName() + " module to the classpath.";
        }
        List<String> choices = validChoices();
        StringBuilder message = new StringBuilder(head).append(" names no known store; valid choices: ");
        List<String> described = new ArrayList<>();
        for (String choice : choices) {
            described.add(factories.byName(choice).isPresent() ? choice
                    : choice + " (add the " + KnownBackends.byName(choice).orElseThrow().moduleName() + " module)");
        }
        message.append(String.join(", ", described));
        Suggestions.closest(type, choices).ifPresent(s -> message.append("; did you mean \"").append(s)
                .append("\"?"));
        return message.toString();
    }

    private List<String> validChoices() {
        TreeSet<String> choices = new TreeSet<>(factories.names());
        KnownBackends.ALL.forEach(b -> choices.add(b.name()));
        return List.copyOf(choices);
    }
}
