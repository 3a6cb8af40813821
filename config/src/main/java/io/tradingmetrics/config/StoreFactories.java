package io.tradingmetrics.config;

import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.api.StoreConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** The store factories on the classpath, found through {@link ServiceLoader}, by name. */
public final class StoreFactories {
    private final Map<String, MetricsStoreFactory> byName;

    private StoreFactories(Map<String, MetricsStoreFactory> byName) {
        this.byName = byName;
    }

    /** @return the factories registered in {@code META-INF/services} of the thread's context class loader */
    public static StoreFactories discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : StoreFactories.class.getClassLoader());
    }

    /** @return the factories registered in {@code META-INF/services} visible to the class loader */
    public static StoreFactories discover(ClassLoader loader) {
        requireNonNull(loader, "loader is null");
        List<MetricsStoreFactory> found = new ArrayList<>();
        ServiceLoader.load(MetricsStoreFactory.class, loader).forEach(found::add);
        return of(found);
    }

    /**
     * @return the given factories
     * @throws StoreConfigException when two of them share a name, since configuration could not tell them apart
     */
    public static StoreFactories of(List<MetricsStoreFactory> factories) {
        Map<String, MetricsStoreFactory> byName = new TreeMap<>();
        for (MetricsStoreFactory factory : factories) {
            MetricsStoreFactory previous = byName.putIfAbsent(factory.name(), factory);
            if (previous != null && previous.getClass() != factory.getClass()) {
                throw new StoreConfigException("two stores named '" + factory.name() + "' are on the classpath: "
                        + previous.getClass().getName() + " and " + factory.getClass().getName()
                        + "; remove one of the modules that bring them (" + previous.moduleName() + ", "
                        + factory.moduleName() + ")");
            }
        }
        return new StoreFactories(byName);
    }

    /** @return the factory of that name, if on the classpath */
    public Optional<MetricsStoreFactory> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the names of the factories, sorted */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @return the factories, sorted by name */
    public List<MetricsStoreFactory> all() {
        return List.copyOf(byName.values());
    }

    /** @return the names for messages, for example {@code duckdb, timescale}, or {@code none} */
    String namesText() {
        return byName.isEmpty() ? "none" : byName.keySet().stream().collect(Collectors.joining(", "));
    }
}
