package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.tradingmetrics.storage.api.RetentionGuards;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.StoreTable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * {@code metrics.store.retention} read into a {@link RetentionPolicy}. The keys themselves are checked by
 * {@link StoreConfigValidator} like every key under {@code metrics.store}; this checks their values, every problem
 * one line naming the key, its origin and the way out.
 */
public final class RetentionSettings {
    static final String PATH = StoreConfigValidator.STORE_PATH + ".retention";
    /**
     * Where the store's rollup levels are configured, in the block of the store's type (for example
     * {@code metrics.store.duckdb.rollups.levels}); the rollup keeps must name one of them.
     */
    static String rollupLevelsPath(Config config) {
        String type = config.hasPath(StoreConfigValidator.STORE_PATH + ".type")
                ? config.getString(StoreConfigValidator.STORE_PATH + ".type") : "duckdb";
        return StoreConfigValidator.STORE_PATH + "." + ConfigUtil.joinPath(type) + ".rollups.levels";
    }
    /** The rollup levels while none are configured. */
    static final List<Duration> DEFAULT_ROLLUP_LEVELS = List.of(Duration.ofMinutes(1), Duration.ofHours(1));
    static final String FOREVER = "forever";
    /** Shorter keeps are refused as a likely slip of the unit (30 = 30 ms, 30m = 30 minutes, not months). */
    static final Duration SHORTEST_KEEP = Duration.ofHours(1);

    private RetentionSettings() {}

    /**
     * @param config the application's configuration; the reference configuration is its fallback
     * @return the policy the configuration describes ({@link RetentionPolicy#keepForever()} by default)
     * @throws StoreConfigProblemsException listing every problem of {@code metrics.store.retention}
     */
    public static RetentionPolicy policy(Config config) {
        requireNonNull(config, "config is null");
        ClassLoader loader = RetentionSettings.class.getClassLoader();
        Config effective = config.withFallback(ConfigFactory.defaultReference(loader)).resolve();
        List<String> problems = new ArrayList<>(
                new StoreConfigValidator(ReferenceShape.load(loader)).validateBlock(effective, PATH));
        if (problems.isEmpty()) {
            Optional<RetentionPolicy> policy = read(effective, problems);
            if (problems.isEmpty()) {
                return policy.orElseThrow();
            }
        }
        throw new StoreConfigProblemsException(problems);
    }

    /**
     * Reads the block of a configuration whose keys and types are valid already.
     *
     * @return the policy, empty when a problem was added
     */
    static Optional<RetentionPolicy> read(Config effective, List<String> problems) {
        if (!effective.hasPath(PATH)) {
            return Optional.of(RetentionPolicy.keepForever());
        }
        int before = problems.size();
        Map<StoreTable, Duration> tables = new EnumMap<>(StoreTable.class);
        for (StoreTable table : StoreTable.values()) {
            keep(effective, PATH + "." + table.tableName(), problems).ifPresent(keep -> tables.put(table, keep));
        }
        Map<Duration, Duration> rollups = rollups(effective, tables.get(StoreTable.TRADING_METRICS), problems);
        Duration lead = duration(effective, PATH + ".max-clock-lead", problems);
        double fraction = fraction(effective, PATH + ".max-delete-fraction", problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new RetentionPolicy(tables, rollups, new RetentionGuards(lead, fraction)));
    }

    /** @return the keep at the path, empty for forever (or a problem) */
    private static Optional<Duration> keep(Config config, String path, List<String> problems) {
        if (!config.hasPath(path)) {
            return Optional.empty();
        }
        ConfigValue value = config.getValue(path);
        if (value.valueType() == ConfigValueType.STRING
                && config.getString(path).trim().toLowerCase(Locale.ROOT).equals(FOREVER)) {
            return Optional.empty();
        }
        String wayOut = "give a duration with its unit, such as 30d or 720h (at least " + SHORTEST_KEEP.toHours()
                + "h; write months as days), or " + FOREVER;
        if (value.valueType() != ConfigValueType.STRING) {
            problems.add(head(path, value) + " is not a keep: a bare number would be milliseconds; " + wayOut);
            return Optional.empty();
        }
        Duration keep;
        try {
            keep = config.getDuration(path);
        } catch (ConfigException.BadValue e) {
            problems.add(head(path, value) + " is not a keep; " + wayOut);
            return Optional.empty();
        }
        if (keep.compareTo(SHORTEST_KEEP) < 0) {
            problems.add(head(path, value) + " keeps rows for only " + keep + " (\"m\" is minutes); " + wayOut);
            return Optional.empty();
        }
        return Optional.of(keep);
    }

    private static Map<Duration, Duration> rollups(Config config, Duration rawKeep, List<String> problems) {
        Map<Duration, Duration> rollups = new TreeMap<>();
        String path = PATH + ".rollups";
        if (!config.hasPath(path)) {
            return rollups;
        }
        List<Duration> levels = levels(config, problems);
        Config block = config.getConfig(path);
        for (String key : new TreeSet<>(block.root().keySet())) {
            String keyPath = path + "." + ConfigUtil.joinPath(key);
            Optional<Duration> level = level(key);
            if (level.isEmpty() || !levels.contains(level.get())) {
                problems.add("unknown rollup level " + keyPath + " (" + ConfigOrigins.describe(
                        block.root().get(key).origin()) + "); the store's rollup levels are " + levelNames(levels)
                        + " (" + rollupLevelsPath(config) + "): key the keep by one of them, for example " + path + " { "
                        + name(levels.get(0)) + " = 90d }");
                continue;
            }
            Optional<Duration> keep = keep(config, keyPath, problems);
            if (keep.isEmpty()) {
                continue; // forever, or a problem already reported
            }
            if (rawKeep == null || keep.get().compareTo(rawKeep) < 0) {
                problems.add(head(keyPath, config.getValue(keyPath)) + " keeps the rollups shorter than their raw"
                        + " points (" + PATH + ".trading_metrics = " + (rawKeep == null ? FOREVER : name(rawKeep))
                        + "); a rollup is kept at least as long as the points it summarizes: raise it, or remove it"
                        + " to keep the rollups forever");
                continue;
            }
            rollups.put(level.get(), keep.get());
        }
        return rollups;
    }

    private static List<Duration> levels(Config config, List<String> problems) {
        String levelsPath = rollupLevelsPath(config);
        if (!config.hasPath(levelsPath)) {
            return DEFAULT_ROLLUP_LEVELS;
        }
        try {
            List<Duration> levels = config.getDurationList(levelsPath);
            return levels.isEmpty() ? DEFAULT_ROLLUP_LEVELS : levels;
        } catch (ConfigException e) {
            return DEFAULT_ROLLUP_LEVELS; // reported where the rollups are configured
        }
    }

    private static Optional<Duration> level(String key) {
        try {
            return Optional.of(ConfigFactory.parseMap(Map.of("level", key)).getDuration("level"));
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    private static Duration duration(Config config, String path, List<String> problems) {
        ConfigValue value = config.getValue(path);
        try {
            Duration duration = config.getDuration(path);
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            // reported below
        }
        problems.add(head(path, value) + " is not a positive duration; give one such as 1d or 6h");
        return null;
    }

    private static double fraction(Config config, String path, List<String> problems) {
        ConfigValue value = config.getValue(path);
        try {
            double fraction = config.getDouble(path);
            if (fraction > 0 && fraction <= 1) {
                return fraction;
            }
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            // reported below
        }
        problems.add(head(path, value) + " is not a share of a table's rows; give a number in (0, 1] such as 0.5"
                + " (1 allows a run to delete any share)");
        return Double.NaN;
    }

    private static String head(String path, ConfigValue value) {
        return path + " = " + value.render() + " (" + ConfigOrigins.describe(value.origin()) + ")";
    }

    private static String levelNames(List<Duration> levels) {
        return levels.stream().map(RetentionSettings::name).collect(Collectors.joining(", "));
    }

    /** @return a duration as HOCON writes it: 1m, 1h, 30d */
    static String name(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
