package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.writer.MetricsWriter;
import io.tradingmetrics.writer.OverflowPolicy;
import io.tradingmetrics.writer.WriterListener;
import io.tradingmetrics.writer.WriterSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The batching writer configured by {@code metrics.writer}, checked as strictly as {@code metrics.store}: an
 * unknown key or a value of the wrong kind fails, all problems at once.
 * <pre>{@code
 * MetricsStore store = MetricsStores.open();
 * MetricsWriter writer = MetricsWriters.create(store);
 * }</pre>
 */
public final class MetricsWriters {
    static final String WRITER_PATH = "metrics.writer";

    private MetricsWriters() {}

    /** @return a started writer into the store, configured by the process's configuration */
    public static MetricsWriter create(MetricsStore store, WriterListener... listeners) {
        return MetricsWriter.create(store, settings(MetricsConfig.load()), listeners);
    }

    /**
     * @param config the application's configuration; the reference configuration is its fallback
     * @throws StoreConfigProblemsException listing every problem of {@code metrics.writer}
     */
    public static WriterSettings settings(Config config) {
        requireNonNull(config, "config is null");
        ClassLoader loader = MetricsWriters.class.getClassLoader();
        Config effective = config.withFallback(ConfigFactory.defaultReference(loader)).resolve();
        List<String> problems = new ArrayList<>(
                new StoreConfigValidator(ReferenceShape.load(loader)).validateBlock(effective, WRITER_PATH));
        if (problems.isEmpty()) {
            Values values = new Values(effective.getConfig(WRITER_PATH), problems);
            try {
                WriterSettings settings = new WriterSettings(
                        values.get("batch-size", values.writer()::getInt, "a whole number"),
                        values.duration("flush-interval"),
                        values.get("buffer.max-rows", values.writer()::getInt, "a whole number"),
                        values.bytes("buffer.max-bytes"),
                        values.policy("overflow.policy"),
                        values.duration("overflow.block-timeout"),
                        values.duration("retry.for"),
                        values.duration("retry.initial-backoff"),
                        values.duration("retry.max-backoff"),
                        values.duration("close-timeout"),
                        values.get("close-on-shutdown", values.writer()::getBoolean, "true or false"));
                if (problems.isEmpty()) {
                    return settings;
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                // A value already reported is missing, or the values contradict each other (say, a buffer smaller
                // than a batch): report the latter too.
                if (problems.isEmpty()) {
                    problems.add(WRITER_PATH + ": " + e.getMessage());
                }
            }
        }
        throw new StoreConfigProblemsException(problems);
    }

    /** Reads values, turning each unusable one into a problem line naming its key (and null for the value). */
    private record Values(Config writer, List<String> problems) {
        Duration duration(String key) {
            return get(key, writer::getDuration, "a duration such as 200ms, 30s or 5m");
        }

        Long bytes(String key) {
            return get(key, k -> writer.getMemorySize(k).toBytes(), "a size such as 256MiB");
        }

        OverflowPolicy policy(String key) {
            return get(key, k -> OverflowPolicy.valueOf(writer.getString(k).toUpperCase(Locale.ROOT).replace('-', '_')),
                    "one of " + Arrays.stream(OverflowPolicy.values())
                            .map(p -> p.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .collect(Collectors.joining(", ")));
        }

        <T> T get(String key, Function<String, T> reader, String expected) {
            try {
                return reader.apply(key);
            } catch (ConfigException.BadValue | ConfigException.WrongType | IllegalArgumentException e) {
                problems.add(WRITER_PATH + "." + key + " = " + writer.getValue(key).render() + " ("
                        + ConfigOrigins.describe(writer.getValue(key).origin()) + ") is not " + expected);
                return null;
            }
        }
    }
}
