package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.api.OpenMode;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * TEST ONLY: a store factory that records the configuration it was given, to test how a store is selected and
 * configured. Its stores answer {@link MetricsStore#backendName()} and {@link MetricsStore#close()}; every data
 * method throws, since these tests are about selection, not storage.
 */
public final class RecordingStoreFactory implements MetricsStoreFactory {
    /** A store this factory created, with the block it was created from. */
    public record Created(Config storeConfig, OpenMode mode, MetricsStore store, AtomicBoolean closed) {}

    private static final List<Created> CREATED = new CopyOnWriteArrayList<>();

    /** @return every store created so far, oldest first */
    public static List<Created> created() {
        return List.copyOf(CREATED);
    }

    /** @return the creation record of that store */
    public static Created of(MetricsStore store) {
        return CREATED.stream().filter(c -> c.store() == store).findFirst().orElseThrow();
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public String moduleName() {
        return "config (tests)";
    }

    @Override
    public String describe(Config storeConfig) {
        return name() + " " + (storeConfig.hasPath("path") ? storeConfig.getString("path") : "(no path)");
    }

    @Override
    public MetricsStore open(Config storeConfig, OpenMode mode) {
        if (storeConfig.hasPath("pool.timeout")) {
            storeConfig.getDuration("pool.timeout"); // as a real store reads its settings
        }
        AtomicBoolean closed = new AtomicBoolean();
        MetricsStore store = (MetricsStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MetricsStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "backendName" -> name();
                    case "close" -> {
                        closed.set(true);
                        yield null;
                    }
                    case "toString" -> "RecordingStore";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName() + " is not recorded");
                });
        CREATED.add(new Created(storeConfig, mode, store, closed));
        return store;
    }

    @Override
    public Optional<Config> configForUrl(String jdbcUrl) {
        String prefix = "jdbc:recording:";
        return jdbcUrl.startsWith(prefix)
                ? Optional.of(ConfigFactory.parseMap(Map.of("path", jdbcUrl.substring(prefix.length()))))
                : Optional.empty();
    }
}
