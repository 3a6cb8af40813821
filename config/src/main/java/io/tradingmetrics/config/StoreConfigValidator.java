package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.tradingmetrics.storage.spi.StoreDefaults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Checks the keys under {@code metrics.store} against the reference configuration, generically: a backend declares
 * its keys in its {@code reference.conf} and nothing else. Near misses of the prefix are refused too. Reports unknown keys (with the valid ones and the closest
 * match) and values of the wrong type, every one of them, never stopping at the first.
 */
final class StoreConfigValidator {
    static final String NAMESPACE = "metrics";
    static final String STORE_PATH = StoreDefaults.STORES_PATH;
    static final String TYPE_KEY = "type";

    private final ReferenceShape reference;
    private final StoreFactories factories;

    StoreConfigValidator(ReferenceShape reference) {
        this(reference, StoreFactories.of(List.of()));
    }

    /**
     * @param factories the stores on the classpath: a store that nests whole store configurations
     *        ({@link io.tradingmetrics.storage.spi.MetricsStoreFactory#nestedStoreKeys()}) has each of them checked
     *        as {@code metrics.store} is
     */
    StoreConfigValidator(ReferenceShape reference, StoreFactories factories) {
        this.reference = requireNonNull(reference, "reference is null");
        this.factories = requireNonNull(factories, "factories is null");
    }

    /**
     * Checks the keys directly under {@code metrics.store} (accepting blocks named after the stores this project
     * ships, even when not on the classpath, so that one file can configure a store and its rollback target), and
     * every key of each store block the reference declares.
     *
     * @param config the effective configuration, resolved
     * @return one readable line per problem, in key order
     */
    List<String> validate(Config config) {
        List<String> problems = new ArrayList<>(nearMissesOfOurNamespace(config));
        if (!config.hasPathOrNull(STORE_PATH)) {
            return problems;
        }
        ConfigValue store = config.getValue(STORE_PATH);
        if (!(store instanceof ConfigObject storeObject)) {
            problems.add(wrongType(STORE_PATH, store, "an object ({ type = ..., <type> { ... } })", null));
            return problems;
        }
        ReferenceShape.Node storeNode = reference.node(STORE_PATH).orElseThrow(() -> new IllegalStateException(
                "no " + STORE_PATH + " in the reference configuration; is the config module's reference.conf missing?"));
        Set<String> allowed = new TreeSet<>(storeNode.keys().orElseThrow());
        KnownBackends.ALL.forEach(b -> allowed.add(b.name()));
        for (String key : new TreeSet<>(storeObject.keySet())) {
            String path = STORE_PATH + "." + ConfigUtil.joinPath(key);
            ConfigValue value = storeObject.get(key);
            if (key.equals(TYPE_KEY)) {
                continue; // checked where the store is selected, against the stores on the classpath
            }
            if (!allowed.contains(key)) {
                problems.add(unknownKey(STORE_PATH, key, value, allowed));
            } else if (reference.node(path).isPresent()) {
                check(config, path, value, reference.node(path).get(), problems);
                checkNested(config, key, path, value, problems);
            } else if (!(value instanceof ConfigObject)) {
                problems.add(wrongType(path, value, "an object ({ ... })", null)); // a store not on the classpath
            }
        }
        return problems;
    }

    /**
     * Checks every key of another block of ours (for example {@code metrics.writer}) against the reference.
     *
     * @return one readable line per problem, in key order; empty when the block is absent
     */
    List<String> validateBlock(Config config, String path) {
        List<String> problems = new ArrayList<>();
        if (config.hasPathOrNull(path)) {
            ReferenceShape.Node node = reference.node(path).orElseThrow(() -> new IllegalStateException(
                    "no " + path + " in the reference configuration; is the config module's reference.conf missing?"));
            check(config, path, config.getValue(path), node, problems);
        }
        return problems;
    }

    /**
     * A mistyped prefix ({@code metric.store.type}, {@code metrics.stor.type}) would leave the store on its defaults
     * without a word, since keys outside {@code metrics.store} are not checked: refuse a top-level key that is a
     * near miss of {@value #NAMESPACE}, and a key under it that is a near miss of one the reference declares. Other
     * keys are left alone: the configuration also holds the app's own keys and the system properties.
     */
    private List<String> nearMissesOfOurNamespace(Config config) {
        List<String> problems = new ArrayList<>();
        ConfigObject root = config.root();
        for (String key : new TreeSet<>(root.keySet())) {
            if (!key.equals(NAMESPACE) && Suggestions.closest(key, List.of(NAMESPACE)).isPresent()) {
                problems.add("unknown top-level key " + ConfigUtil.joinPath(key) + " ("
                        + ConfigOrigins.describe(root.get(key).origin()) + "); the store is configured under "
                        + STORE_PATH + "; did you mean '" + NAMESPACE + "'?");
            }
        }
        Set<String> declared = reference.node(NAMESPACE).flatMap(ReferenceShape.Node::keys).orElse(Set.of());
        if (root.get(NAMESPACE) instanceof ConfigObject ours && !declared.isEmpty()) {
            for (String key : new TreeSet<>(ours.keySet())) {
                if (!declared.contains(key) && Suggestions.closest(key, declared).isPresent()) {
                    problems.add(unknownKey(NAMESPACE, key, ours.get(key), new TreeSet<>(declared)));
                }
            }
        }
        return problems;
    }

    /** Checks a value at {@code path} against a reference node (the same path, or a store's block nested elsewhere). */
    private void check(Config config, String path, ConfigValue value, ReferenceShape.Node node,
                       List<String> problems) {
        if (node.isObject()) {
            if (!(value instanceof ConfigObject object)) {
                problems.add(wrongType(path, value, "an object ({ ... })", null));
                return;
            }
            if (node.isOpen()) {
                return;
            }
            Set<String> keys = node.keys().orElseThrow();
            for (String key : new TreeSet<>(object.keySet())) {
                String childPath = path + "." + ConfigUtil.joinPath(key);
                if (!keys.contains(key)) {
                    problems.add(unknownKey(path, key, object.get(key), keys));
                } else {
                    reference.node(node.path() + "." + ConfigUtil.joinPath(key))
                            .ifPresent(child -> check(config, childPath, object.get(key), child, problems));
                }
            }
            return;
        }
        node.defaultValue().ifPresent(defaultValue -> checkLeaf(config, value, path, defaultValue, problems));
    }

    /**
     * A store that holds other stores (the dual store's primary and secondary): each nested key is a whole store
     * configuration, checked as {@code metrics.store} is: a {@code type} naming a store that nests none, and the
     * blocks of known stores, each against its reference.
     */
    private void checkNested(Config config, String storeName, String storePath, ConfigValue storeValue,
                             List<String> problems) {
        List<String> nestedKeys = factories.byName(storeName).map(f -> f.nestedStoreKeys()).orElse(List.of());
        String typePath0 = STORE_PATH + "." + TYPE_KEY;
        boolean selected = config.hasPath(typePath0) && config.getValue(typePath0).valueType() == ConfigValueType.STRING
                && storeName.equals(config.getString(typePath0));
        if (nestedKeys.isEmpty() || !selected || !(storeValue instanceof ConfigObject storeObject)) {
            return; // another store's block, left to its defaults: the nested stores are checked when it is chosen
        }
        List<String> plain = new java.util.ArrayList<>();
        for (String name : factories.names()) {
            if (factories.byName(name).orElseThrow().nestedStoreKeys().isEmpty()) {
                plain.add(name);
            }
        }
        KnownBackends.ALL.forEach(b -> {
            if (!plain.contains(b.name()) && factories.byName(b.name()).isEmpty() && !b.name().equals(storeName)) {
                plain.add(b.name());
            }
        });
        java.util.Collections.sort(plain);
        for (String nestedKey : nestedKeys) {
            String path = storePath + "." + ConfigUtil.joinPath(nestedKey);
            ConfigValue value = storeObject.get(nestedKey);
            if (value == null) {
                problems.add(path + " is not set; give a whole store configuration such as " + nestedKey
                        + " { type = duckdb, duckdb { path = ... } } (types: " + String.join(", ", plain) + ")");
                continue;
            }
            if (!(value instanceof ConfigObject nested)) {
                problems.add(wrongType(path, value, "an object ({ type = ..., <type> { ... } })", null));
                continue;
            }
            ConfigValue type = nested.get(TYPE_KEY);
            String typePath = path + "." + TYPE_KEY;
            if (type == null) {
                problems.add(typePath + " is not set; set it to one of: " + String.join(", ", plain));
            } else if (type.valueType() != ConfigValueType.STRING) {
                problems.add(wrongType(typePath, type, "a string, one of: " + String.join(", ", plain), null));
            } else {
                String name = (String) type.unwrapped();
                if (!plain.contains(name)) {
                    boolean nests = name.equals(storeName) || factories.byName(name)
                            .map(f -> !f.nestedStoreKeys().isEmpty()).orElse(false);
                    StringBuilder message = new StringBuilder(typePath).append(" = \"").append(name).append("\" (")
                            .append(ConfigOrigins.describe(type.origin())).append(")");
                    if (nests) {
                        message.append(": a ").append(storeName).append(" store cannot hold a store that holds "
                                + "stores; give one of: ").append(String.join(", ", plain));
                    } else {
                        message.append(" names no known store; valid choices: ").append(String.join(", ", plain));
                        Suggestions.closest(name, plain).ifPresent(x -> message.append("; did you mean \"")
                                .append(x).append("\"?"));
                    }
                    problems.add(message.toString());
                }
            }
            Set<String> allowed = new TreeSet<>(plain);
            allowed.add(TYPE_KEY);
            for (String key : new TreeSet<>(nested.keySet())) {
                if (key.equals(TYPE_KEY)) {
                    continue;
                }
                ConfigValue block = nested.get(key);
                String blockPath = path + "." + ConfigUtil.joinPath(key);
                Optional<ReferenceShape.Node> reference = this.reference.node(STORE_PATH + "."
                        + ConfigUtil.joinPath(key));
                if (!allowed.contains(key)) {
                    problems.add(unknownKey(path, key, block, allowed));
                } else if (reference.isPresent()) {
                    check(config, blockPath, block, reference.get(), problems);
                } else if (!(block instanceof ConfigObject)) {
                    problems.add(wrongType(blockPath, block, "an object ({ ... })", null));
                }
            }
        }
    }

    private static void checkLeaf(Config config, ConfigValue value, String path, ConfigValue defaultValue,
                                  List<String> problems) {
        ConfigValueType expected = defaultValue.valueType();
        try {
            switch (expected) {
                case NUMBER -> config.getNumber(path);
                case BOOLEAN -> config.getBoolean(path);
                case STRING -> config.getString(path);
                case LIST -> config.getList(path);
                default -> { } // NULL declares "any type"; objects are handled by the caller
            }
        } catch (ConfigException.WrongType | ConfigException.Null e) {
            problems.add(wrongType(path, value, describe(expected), defaultValue));
        }
    }

    private static String unknownKey(String parent, String key, ConfigValue value, Collection<String> valid) {
        // The value is not printed: a mistyped key ("pasword") would not be recognised as a secret.
        StringBuilder message = new StringBuilder("unknown key ").append(parent).append('.')
                .append(ConfigUtil.joinPath(key))
                .append(" (").append(ConfigOrigins.describe(value.origin())).append(")");
        message.append("; valid keys under ").append(parent).append(": ").append(String.join(", ", valid));
        Suggestions.closest(key, valid).ifPresent(s -> message.append("; did you mean '").append(s)
                .append("'?"));
        return message.toString();
    }

    private static String wrongType(String path, ConfigValue value, String expected, ConfigValue defaultValue) {
        String shown = value == null || value.valueType() == ConfigValueType.NULL ? "null"
                : ConfigRedaction.renderValue(path, value);
        StringBuilder message = new StringBuilder(path).append(" = ").append(shown).append(" (")
                .append(ConfigOrigins.describe(value == null ? null : value.origin()))
                .append(") has the wrong type: expected ").append(expected);
        if (defaultValue != null) {
            message.append(", like the default ").append(ConfigRedaction.renderValue(path, defaultValue));
        }
        return message.toString();
    }

    private static String describe(ConfigValueType type) {
        return switch (type) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean (true or false)";
            case STRING -> "a string";
            case LIST -> "a list ([ ... ])";
            case OBJECT -> "an object ({ ... })";
            case NULL -> "any value";
        };
    }
}
