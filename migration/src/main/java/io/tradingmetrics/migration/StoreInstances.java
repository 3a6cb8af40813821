package io.tradingmetrics.migration;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The instance ids of the two stores a checkpoint was written for (see
 * {@link io.tradingmetrics.storage.api.MetricsStore#instanceId()}): a store at the same path or URL with another id
 * is another store, deleted and created again, of which the checkpoint knows nothing.
 *
 * @param source the source's id, empty for files and for stores that hold none
 * @param target the target's id, empty for a store that holds none
 */
record StoreInstances(Optional<String> source, Optional<String> target) {
    static final StoreInstances UNKNOWN = new StoreInstances(Optional.empty(), Optional.empty());

    StoreInstances {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
    }

    /** @return the ids of the stores as they are now */
    static StoreInstances of(RowSource source, io.tradingmetrics.storage.api.MetricsStore target) {
        return new StoreInstances(source.instanceId(), target.instanceId());
    }

    /**
     * @return how the recorded id differs from the current one, for example {@code instance 1f0c..., now 9a7b...};
     *         empty when nothing was recorded (an older checkpoint) or the ids are equal
     */
    static Optional<String> change(Optional<String> recorded, Optional<String> now) {
        if (recorded.isEmpty() || recorded.equals(now)) {
            return Optional.empty();
        }
        return Optional.of("instance " + recorded.get() + ", now " + now.orElse("none"));
    }
}
