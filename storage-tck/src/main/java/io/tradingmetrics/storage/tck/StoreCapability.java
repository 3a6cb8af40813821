package io.tradingmetrics.storage.tck;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a store may legitimately lack. A store's test declares what it has ({@link
 * MetricsStoreCompatibilityKit#capabilities()}, all of them unless it says otherwise); a contract that depends on one
 * asserts the feature where the store has it and the documented fallback where it does not, so no test is skipped.
 * A capability that requires another is lost with it: a store that keeps nothing has no bytes on disk either.
 */
public enum StoreCapability {
    /**
     * What was written survives closing the store: a store opened again on the same database (file, schema) sees
     * it. Without it, a store opened again starts empty (an in-memory database).
     */
    PERSISTENT,
    /**
     * {@link io.tradingmetrics.storage.api.MetricsStore#stats()} tells the bytes each table takes on disk. Without
     * it, {@link io.tradingmetrics.storage.api.TableStats#bytesOnDisk()} is empty.
     */
    TABLE_SIZES(PERSISTENT);

    private final Set<StoreCapability> requires;

    StoreCapability(StoreCapability... requires) {
        this.requires = requires.length == 0 ? Set.of() : Set.copyOf(Arrays.asList(requires));
    }

    /** @return every capability: what a store has unless its test says otherwise */
    public static Set<StoreCapability> all() {
        return EnumSet.allOf(StoreCapability.class);
    }

    /** @return every capability but the given ones and those that require them */
    public static Set<StoreCapability> allExcept(StoreCapability... lacking) {
        Set<StoreCapability> declared = all();
        declared.removeAll(Arrays.asList(lacking));
        return effective(declared);
    }

    /** @return the declared capabilities whose requirements are declared too, recursively */
    static Set<StoreCapability> effective(Set<StoreCapability> declared) {
        Set<StoreCapability> effective = declared.isEmpty() ? EnumSet.noneOf(StoreCapability.class)
                : EnumSet.copyOf(declared);
        boolean changed = true;
        while (changed) {
            changed = effective.removeIf(capability -> !effective.containsAll(capability.requires));
        }
        return effective;
    }
}
