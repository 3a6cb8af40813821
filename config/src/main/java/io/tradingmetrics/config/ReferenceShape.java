package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Which keys the reference configuration (every {@code reference.conf} on the classpath) declares, and of which type.
 * Keys come from the unresolved reference, so that a key whose only value is {@code ${?ENV_VAR}} still counts as
 * declared; types come from the reference resolved without the environment, so that they are the declared defaults.
 * An empty object in the reference is open: it accepts any keys (for free-form maps such as driver properties).
 */
final class ReferenceShape {
    /** A declared key: an object with its keys, or a leaf with its default (empty when the type is not known). */
    record Node(String path, Optional<Set<String>> keys, Optional<ConfigValue> defaultValue) {
        boolean isObject() {
            return keys.isPresent();
        }

        boolean isOpen() {
            return keys.isPresent() && keys.get().isEmpty();
        }
    }

    private final Map<String, Node> nodes = new HashMap<>();

    private ReferenceShape() {}

    /** @return the shape of the reference configuration visible to the class loader */
    static ReferenceShape load(ClassLoader loader) {
        return of(com.typesafe.config.ConfigFactory.defaultReferenceUnresolved(loader));
    }

    /** @return the shape of the given unresolved reference configuration */
    static ReferenceShape of(Config unresolvedReference) {
        requireNonNull(unresolvedReference, "unresolvedReference is null");
        Config defaults = unresolvedReference.resolve(
                ConfigResolveOptions.defaults().setUseSystemEnvironment(false).setAllowUnresolved(true));
        ReferenceShape shape = new ReferenceShape();
        shape.walk("", unresolvedReference.root(), defaults);
        return shape;
    }

    /** @return the declared node at the path, if any */
    Optional<Node> node(String path) {
        return Optional.ofNullable(nodes.get(path));
    }

    private void walk(String path, ConfigValue value, Config defaults) {
        if (value instanceof ConfigObject object) {
            Set<String> keys;
            try {
                keys = new TreeSet<>(object.keySet());
            } catch (ConfigException.NotResolved e) {
                keys = Set.of(); // an object merged with a substitution: its keys are unknown, accept any
            }
            nodes.put(path, new Node(path, Optional.of(keys), Optional.empty()));
            for (String key : keys) {
                walk(path.isEmpty() ? ConfigUtil.joinPath(key) : path + "." + ConfigUtil.joinPath(key),
                        object.get(key), defaults);
            }
            return;
        }
        Optional<ConfigValue> defaultValue = Optional.empty();
        try {
            if (defaults.hasPathOrNull(path)) {
                ConfigValue resolved = defaults.getValue(path);
                resolved.valueType(); // throws when still unresolved
                defaultValue = Optional.of(resolved);
            }
        } catch (ConfigException e) {
            defaultValue = Optional.empty();
        }
        if (defaultValue.isPresent() && defaultValue.get().valueType() == ConfigValueType.OBJECT) {
            // An object that only became one through a substitution: declare its keys too.
            walk(path, defaultValue.get(), defaults);
            return;
        }
        nodes.put(path, new Node(path, Optional.empty(), defaultValue));
    }
}
