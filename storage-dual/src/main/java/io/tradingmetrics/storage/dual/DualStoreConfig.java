package io.tradingmetrics.storage.dual;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.spi.StoreDefaults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The settings of the {@code metrics.store.dual} block.
 *
 * @param primary the store that decides every write's outcome and answers every read
 * @param secondary the store every write is mirrored to
 * @param outboxDirectory where the outbox and the mirror's state live (absolute)
 * @param outboxMaxBytes the most disk the waiting writes may take
 * @param segmentBytes the size of one segment file of the outbox's log
 * @param onOutboxFull what a write does when the outbox is full
 * @param replayInitialBackoff the first wait after the secondary refused a replay
 * @param replayMaxBackoff the longest wait between replay attempts
 * @param replayYieldToWrites how far the mirror may fall behind while the app writes, before it replays anyway:
 *        it replays in the app's pauses, so that a burst of writes keeps the machine to itself (zero: never yields)
 * @param shadowSampleRate the fraction of reads also run on the secondary and compared, 0 to 1
 * @param closeDrainTimeout how long {@code close()} waits for the mirror to apply what the outbox holds (zero: not)
 */
public record DualStoreConfig(NestedStore primary, NestedStore secondary, Path outboxDirectory, long outboxMaxBytes,
                              long segmentBytes, OnOutboxFull onOutboxFull, Duration replayInitialBackoff,
                              Duration replayMaxBackoff, Duration replayYieldToWrites, double shadowSampleRate,
                              Duration closeDrainTimeout) {
    /** The factory's name, {@code metrics.store.type = dual}. */
    public static final String NAME = "dual";
    /** The block's name in the whole configuration, for messages. */
    public static final String BLOCK = StoreDefaults.STORES_PATH + "." + NAME;
    /** The keys that each hold a whole store configuration. */
    static final List<String> NESTED_KEYS = List.of("primary", "secondary");

    public DualStoreConfig {
        requireNonNull(primary, "primary is null");
        requireNonNull(secondary, "secondary is null");
        requireNonNull(outboxDirectory, "outboxDirectory is null");
        requireNonNull(onOutboxFull, "onOutboxFull is null");
        requireNonNull(replayInitialBackoff, "replayInitialBackoff is null");
        requireNonNull(replayMaxBackoff, "replayMaxBackoff is null");
        requireNonNull(replayYieldToWrites, "replayYieldToWrites is null");
        requireNonNull(closeDrainTimeout, "closeDrainTimeout is null");
        if (replayYieldToWrites.isNegative()) {
            throw new StoreConfigException(BLOCK + ".replay.yield-to-writes is " + replayYieldToWrites
                    + "; give zero (replay at once) or more, such as 2s");
        }
        if (closeDrainTimeout.isNegative()) {
            throw new StoreConfigException(BLOCK + ".replay.close-drain-timeout is " + closeDrainTimeout
                    + "; give zero or more, such as 30s");
        }
        outboxDirectory = outboxDirectory.toAbsolutePath().normalize();
        if (outboxMaxBytes < 1024 * 1024) {
            throw new StoreConfigException(BLOCK + ".outbox.max-bytes is " + outboxMaxBytes
                    + " bytes; give at least 1MiB, such as 1GiB");
        }
        if (segmentBytes < 64 * 1024 || segmentBytes > outboxMaxBytes) {
            throw new StoreConfigException(BLOCK + ".outbox.segment-bytes is " + segmentBytes
                    + " bytes; give at least 64KiB and at most outbox.max-bytes, such as 64MiB");
        }
        if (!(shadowSampleRate >= 0 && shadowSampleRate <= 1)) {
            throw new StoreConfigException(BLOCK + ".shadow-reads.sample-rate is " + shadowSampleRate
                    + "; give a fraction from 0 (none) to 1 (every read)");
        }
        if (replayInitialBackoff.isNegative() || replayInitialBackoff.isZero()
                || replayMaxBackoff.compareTo(replayInitialBackoff) < 0) {
            throw new StoreConfigException(BLOCK + ".replay: initial-backoff " + replayInitialBackoff
                    + " and max-backoff " + replayMaxBackoff + " must be positive, max-backoff the larger");
        }
    }

    /**
     * Reads the block, with this module's defaults beneath it, and the two stores' blocks with theirs; the stores'
     * factories are found through {@link ServiceLoader} in the class loader.
     *
     * @param block the dual store's block ({@code metrics.store.dual}), possibly only some of its keys
     * @throws StoreConfigException naming the key and the way out when a value is missing or not usable, the
     *         stores' types name no store on the classpath or a dual store, or both name the same store
     */
    public static DualStoreConfig from(Config block, ClassLoader loader) {
        requireNonNull(block, "block is null");
        requireNonNull(loader, "loader is null");
        Config settings = StoreDefaults.storeBlock(block, NAME, DualStoreConfig.class.getClassLoader());
        TreeMap<String, MetricsStoreFactory> factories = new TreeMap<>();
        ServiceLoader.load(MetricsStoreFactory.class, loader).forEach(f -> factories.putIfAbsent(f.name(), f));
        try {
            NestedStore primary = nested(settings, "primary", factories);
            NestedStore secondary = nested(settings, "secondary", factories);
            String first = primary.describe();
            if (first.equals(secondary.describe())) {
                throw new StoreConfigException(BLOCK + ".primary and " + BLOCK + ".secondary are the same store ("
                        + first + "); give the secondary a store of its own");
            }
            return new DualStoreConfig(primary, secondary, Path.of(settings.getString("outbox.directory")),
                    settings.getBytes("outbox.max-bytes"), settings.getBytes("outbox.segment-bytes"),
                    OnOutboxFull.parse(BLOCK + ".on-outbox-full", settings.getString("on-outbox-full")),
                    settings.getDuration("replay.initial-backoff"), settings.getDuration("replay.max-backoff"),
                    settings.getDuration("replay.yield-to-writes"), settings.getDouble("shadow-reads.sample-rate"),
                    settings.getDuration("replay.close-drain-timeout"));
        } catch (ConfigException e) {
            throw new StoreConfigException(BLOCK + ": " + e.getMessage() + "; fix the value in the configuration", e);
        }
    }

    private static NestedStore nested(Config settings, String key, TreeMap<String, MetricsStoreFactory> factories) {
        String path = BLOCK + "." + key;
        String valid = String.join(", ", others(factories));
        if (!settings.hasPath(key + ".type")) {
            throw new StoreConfigException(path + ".type is not set; give the " + key + " store as a whole store "
                    + "configuration, for example " + key + " { type = duckdb, duckdb { path = ... } } (types: "
                    + valid + ")");
        }
        String type = settings.getString(key + ".type");
        MetricsStoreFactory factory = factories.get(type);
        if (type.equals(NAME) || (factory != null && !factory.nestedStoreKeys().isEmpty())) {
            throw new StoreConfigException(path + ".type = \"" + type + "\": a dual store cannot hold a store that "
                    + "itself holds stores; give one of: " + valid);
        }
        if (factory == null) {
            throw new StoreConfigException(path + ".type = \"" + type + "\" names no store on the classpath (found: "
                    + valid + "); add the module of that store, or fix the type");
        }
        String blockPath = key + "." + ConfigUtil.joinPath(type);
        Config own = settings.hasPath(blockPath) ? settings.getConfig(blockPath) : ConfigFactory.empty();
        Config withDefaults = StoreDefaults.storeBlock(own, type, factory.getClass().getClassLoader());
        return new NestedStore(path, type, factory, withDefaults);
    }

    private static List<String> others(TreeMap<String, MetricsStoreFactory> factories) {
        List<String> names = new ArrayList<>();
        factories.forEach((name, factory) -> {
            if (factory.nestedStoreKeys().isEmpty()) {
                names.add(name);
            }
        });
        return names.isEmpty() ? List.of("none") : names;
    }

    /** @return the same settings with the two stores' roles exchanged (a switch, or its rollback) */
    public DualStoreConfig swapped() {
        return new DualStoreConfig(secondary, primary, outboxDirectory, outboxMaxBytes, segmentBytes, onOutboxFull,
                replayInitialBackoff, replayMaxBackoff, replayYieldToWrites, shadowSampleRate, closeDrainTimeout);
    }
}
