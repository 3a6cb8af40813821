package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.tradingmetrics.maintenance.MaintenanceSchedule;
import io.tradingmetrics.maintenance.MaintenanceScheduler;
import io.tradingmetrics.maintenance.MaintenanceSettings;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.RetentionPolicy;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The maintenance scheduler configured by {@code metrics.maintenance} (when and whether) and
 * {@code metrics.store.retention} (what to delete), both checked as strictly as {@code metrics.store}.
 * A server starts it with {@link #startForServer}; an app that wants it sets {@code metrics.maintenance.scheduler = on}
 * and calls {@link #startIfEnabled}. Close the scheduler before the store:
 * <pre>{@code
 * Config config = MetricsConfig.load();
 * MetricsStore store = MetricsStores.open(config);
 * Optional<MaintenanceScheduler> maintenance = MetricsMaintenance.startForServer(store, config);
 * // at shutdown: maintenance.ifPresent(MaintenanceScheduler::close); store.close();
 * }</pre>
 */
public final class MetricsMaintenance {
    static final String PATH = "metrics.maintenance";

    private MetricsMaintenance() {}

    /**
     * Starts the scheduler unless {@code metrics.maintenance.scheduler = off} (the default {@code auto} is on in a
     * serving process).
     *
     * @return the started scheduler, empty when it is off; the caller closes it before the store
     * @throws StoreConfigProblemsException listing every problem of the two blocks
     */
    public static Optional<MaintenanceScheduler> startForServer(MetricsStore store, Config config) {
        return start(store, config, true);
    }

    /**
     * Starts the scheduler only when {@code metrics.maintenance.scheduler = on}: an app embedding the library runs no
     * background maintenance unless asked to.
     *
     * @return the started scheduler, empty when it is not on; the caller closes it before the store
     * @throws StoreConfigProblemsException listing every problem of the two blocks
     */
    public static Optional<MaintenanceScheduler> startIfEnabled(MetricsStore store, Config config) {
        return start(store, config, false);
    }

    private static Optional<MaintenanceScheduler> start(MetricsStore store, Config config, boolean serving) {
        requireNonNull(store, "store is null");
        MaintenanceSettings settings = settings(config);
        RetentionPolicy policy = RetentionSettings.policy(config);
        if (!settings.runsIn(serving)) {
            return Optional.empty();
        }
        return Optional.of(MaintenanceScheduler.of(store, policy, settings.schedule(), settings.optimize()).start());
    }

    /**
     * @param config the application's configuration; the reference configuration is its fallback
     * @throws StoreConfigProblemsException listing every problem of {@code metrics.maintenance}
     */
    public static MaintenanceSettings settings(Config config) {
        requireNonNull(config, "config is null");
        ClassLoader loader = MetricsMaintenance.class.getClassLoader();
        Config effective = config.withFallback(ConfigFactory.defaultReference(loader)).resolve();
        List<String> problems = new ArrayList<>(
                new StoreConfigValidator(ReferenceShape.load(loader)).validateBlock(effective, PATH));
        if (!problems.isEmpty()) {
            throw new StoreConfigProblemsException(problems);
        }
        MaintenanceSettings.Scheduler scheduler = scheduler(effective, problems);
        Optional<LocalTime> at = at(effective, problems);
        Duration every = every(effective, problems);
        boolean optimize = effective.getBoolean(PATH + ".optimize");
        if (!problems.isEmpty()) {
            throw new StoreConfigProblemsException(problems);
        }
        return new MaintenanceSettings(scheduler, new MaintenanceSchedule(at, every), optimize);
    }

    private static MaintenanceSettings.Scheduler scheduler(Config config, List<String> problems) {
        String path = PATH + ".scheduler";
        String text = config.getString(path).trim().toUpperCase(Locale.ROOT);
        try {
            return MaintenanceSettings.Scheduler.valueOf(text.equals("TRUE") ? "ON" : text.equals("FALSE") ? "OFF"
                    : text);
        } catch (IllegalArgumentException e) {
            problems.add(head(config, path) + " is not one of auto (on in a serving process), on, off");
            return null;
        }
    }

    private static Optional<LocalTime> at(Config config, List<String> problems) {
        String path = PATH + ".at";
        String text = config.getString(path).trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(text));
        } catch (DateTimeParseException e) {
            problems.add(head(config, path) + " is not a UTC time of day; give one such as \"03:00\", or \"\" to count"
                    + " from the process's start");
            return Optional.empty();
        }
    }

    private static Duration every(Config config, List<String> problems) {
        String path = PATH + ".every";
        try {
            Duration every = config.getDuration(path);
            if (every.compareTo(Duration.ofMinutes(1)) >= 0) {
                return every;
            }
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            // reported below
        }
        problems.add(head(config, path) + " is not a period of at least a minute; give one such as 24h or 6h");
        return Duration.ofDays(1);
    }

    private static String head(Config config, String path) {
        ConfigValue value = config.getValue(path);
        return path + " = " + value.render() + " (" + ConfigOrigins.describe(value.origin()) + ")";
    }
}
