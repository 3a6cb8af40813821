package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.MetricsStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/** Opens the test's store on first use and closes every store it opened when the test ends. */
final class OpenedStores implements StoreFixture {
    private final Supplier<MetricsStore> factory;
    private final Supplier<MetricsStore> reopener;
    private final Supplier<MetricsStore> withoutRollups;
    private final Supplier<Set<StoreCapability>> capabilities;
    private final Supplier<KitSettings> settings;
    private final List<MetricsStore> opened = new ArrayList<>();
    private MetricsStore current;
    private MetricsStore currentWithoutRollups;

    OpenedStores(Supplier<MetricsStore> factory, Supplier<MetricsStore> reopener,
                 Supplier<MetricsStore> withoutRollups, Supplier<Set<StoreCapability>> capabilities,
                 Supplier<KitSettings> settings) {
        this.factory = requireNonNull(factory, "factory is null");
        this.reopener = requireNonNull(reopener, "reopener is null");
        this.withoutRollups = requireNonNull(withoutRollups, "withoutRollups is null");
        this.capabilities = requireNonNull(capabilities, "capabilities is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public synchronized MetricsStore store() {
        if (current == null) {
            current = requireNonNull(factory.get(), "createStore() returned null");
            opened.add(current);
        }
        return current;
    }

    @Override
    public synchronized MetricsStore storeWithoutRollups() {
        store();
        if (currentWithoutRollups == null) {
            currentWithoutRollups = requireNonNull(withoutRollups.get(), "createStoreWithoutRollups() returned null");
            opened.add(currentWithoutRollups);
        }
        return currentWithoutRollups;
    }

    @Override
    public synchronized MetricsStore reopen() {
        store().close();
        current = requireNonNull(reopener.get(), "reopenStore() returned null");
        opened.add(current);
        return current;
    }

    @Override
    public boolean has(StoreCapability capability) {
        return StoreCapability.effective(requireNonNull(capabilities.get(), "capabilities() returned null"))
                .contains(capability);
    }

    @Override
    public KitSettings settings() {
        return settings.get();
    }

    /** Closes every store, even when one fails to close, and reports the first failure. */
    synchronized void closeAll() {
        RuntimeException failure = null;
        for (MetricsStore store : opened) {
            try {
                store.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        opened.clear();
        current = null;
        currentWithoutRollups = null;
        if (failure != null) {
            throw failure;
        }
    }
}
