package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * One block of this project's configuration other than the store's ({@code metrics.writer}, {@code metrics.server},
 * ...), checked as strictly as {@code metrics.store}: every key against the keys the reference configuration
 * (every {@code reference.conf}) declares, with the closest valid key, and every value against the type of its
 * default. The typed readers then turn a value that cannot be used into a problem line naming its key and origin,
 * and {@link #build} reports every problem at once, so that one edit fixes them all.
 * <pre>{@code
 * ConfigBlock block = ConfigBlock.checked(config, "metrics.server");
 * Settings settings = block.build(() -> new Settings(block.integer("port"), block.duration("drain-timeout")));
 * }</pre>
 */
public final class ConfigBlock {
    private final String path;
    private final Config block;
    private final List<String> problems;

    private ConfigBlock(String path, Config block, List<String> problems) {
        this.path = path;
        this.block = block;
        this.problems = problems;
    }

    /**
     * @param config the application's configuration; the reference configuration is its fallback
     * @param path the block, for example {@code metrics.server}; the reference configuration must declare it
     * @return the block, its keys and types checked
     * @throws StoreConfigProblemsException listing every unknown key and value of the wrong type
     */
    public static ConfigBlock checked(Config config, String path) {
        requireNonNull(config, "config is null");
        requireNonNull(path, "path is null");
        ClassLoader loader = ConfigBlock.class.getClassLoader();
        Config effective = config.withFallback(ConfigFactory.defaultReference(loader)).resolve();
        List<String> problems = new ArrayList<>(
                new StoreConfigValidator(ReferenceShape.load(loader)).validateBlock(effective, path));
        if (!problems.isEmpty()) {
            throw new StoreConfigProblemsException(problems);
        }
        return new ConfigBlock(path, effective.getConfig(path), problems);
    }

    /** @return the block's path, for example {@code metrics.server} */
    public String path() {
        return path;
    }

    /** @return the block's values, for readers of its own kind through {@link #get} */
    public Config config() {
        return block;
    }

    public Duration duration(String key) {
        return get(key, block::getDuration, "a duration such as 200ms, 30s or 5m");
    }

    public Long bytes(String key) {
        return get(key, k -> block.getMemorySize(k).toBytes(), "a size such as 256MiB");
    }

    public Integer integer(String key) {
        return get(key, block::getInt, "a whole number");
    }

    public Long longValue(String key) {
        return get(key, block::getLong, "a whole number");
    }

    public Boolean bool(String key) {
        return get(key, block::getBoolean, "true or false");
    }

    public String string(String key) {
        return get(key, block::getString, "a string");
    }

    public List<String> strings(String key) {
        return get(key, block::getStringList, "a list of strings ([\"a\", \"b\"])");
    }

    /**
     * @param reader reads the key; a {@link ConfigException.BadValue}, {@link ConfigException.WrongType} or
     *               {@link IllegalArgumentException} it throws becomes a problem
     * @param expected what the value should be, for the message ({@code a whole number})
     * @return the value, or null when it cannot be used (a problem is recorded: {@link #build} will throw)
     */
    public <T> T get(String key, Function<String, T> reader, String expected) {
        try {
            return reader.apply(key);
        } catch (ConfigException.BadValue | ConfigException.WrongType | IllegalArgumentException e) {
            problem(key, "is not " + expected);
            return null;
        }
    }

    /** Records a problem of a key: {@code <path>.<key> = <value> (<origin>) <message>}, secrets masked. */
    public void problem(String key, String message) {
        String fullPath = path + "." + key;
        ConfigValue value = block.hasPathOrNull(key) ? block.getValue(key) : null;
        problems.add(fullPath + " = " + (value == null ? "null" : ConfigRedaction.isSecret(fullPath) ? ConfigRedaction.MASK
                : value.render(ConfigRenderOptions.concise()))
                + " (" + ConfigOrigins.describe(value == null ? null : value.origin()) + ") " + message);
    }

    /**
     * @param settings builds the settings from values read through this block; an {@link IllegalArgumentException}
     *                 or {@link NullPointerException} it throws (a value already reported is missing, or the values
     *                 contradict each other) is reported too
     * @return the settings
     * @throws StoreConfigProblemsException listing every problem recorded
     */
    public <T> T build(Supplier<T> settings) {
        T built = null;
        try {
            built = settings.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            if (problems.isEmpty()) {
                problems.add(path + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new StoreConfigProblemsException(problems);
        }
        return built;
    }
}
