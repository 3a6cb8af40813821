package io.tradingmetrics.config;

import com.typesafe.config.Config;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.writer.MetricsWriter;
import io.tradingmetrics.writer.OverflowPolicy;
import io.tradingmetrics.writer.WriterListener;
import io.tradingmetrics.writer.WriterSettings;

import java.util.Arrays;
import java.util.Locale;
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
        ConfigBlock writer = ConfigBlock.checked(config, WRITER_PATH);
        return writer.build(() -> new WriterSettings(
                writer.integer("batch-size"),
                writer.duration("flush-interval"),
                writer.integer("buffer.max-rows"),
                writer.bytes("buffer.max-bytes"),
                policy(writer, "overflow.policy"),
                writer.duration("overflow.block-timeout"),
                writer.duration("retry.for"),
                writer.duration("retry.initial-backoff"),
                writer.duration("retry.max-backoff"),
                writer.duration("close-timeout"),
                writer.bool("close-on-shutdown")));
    }

    private static OverflowPolicy policy(ConfigBlock writer, String key) {
        return writer.get(key, k -> OverflowPolicy.valueOf(writer.config().getString(k).toUpperCase(Locale.ROOT)
                        .replace('-', '_')),
                "one of " + Arrays.stream(OverflowPolicy.values())
                        .map(p -> p.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .collect(Collectors.joining(", ")));
    }
}
