package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.maintenance.MaintenanceSchedule;
import io.tradingmetrics.maintenance.MaintenanceSettings;
import io.tradingmetrics.storage.api.RetentionGuards;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.StoreTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** metrics.store.retention and metrics.maintenance: read strictly, every problem one line naming key and way out. */
class RetentionSettingsTest {
    @TempDir
    Path dir;

    private Config fromFile(String hocon) throws IOException {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, hocon);
        return MetricsConfig.load(ConfigFactory.empty(), ConfigFactory.parseFile(file.toFile()), Map.of());
    }

    private String at(int line) {
        return "(" + dir.resolve("application.conf") + ": " + line + ")";
    }

    private static StoreConfigProblemsException selectProblems(Config config) {
        return catchThrowableOfType(StoreConfigProblemsException.class, () -> StoreSelector.create().select(config));
    }

    @Test
    void byDefaultEverythingIsKeptForeverWithTheDefaultGuards() throws IOException {
        RetentionPolicy policy = StoreSelector.create().select(fromFile("")).retention();

        assertThat(policy.keepsEverything()).isTrue();
        assertThat(policy.guards()).isEqualTo(RetentionGuards.DEFAULT);
    }

    @Test
    void keepsPerTableAndRollupLevelAreReadWithTheStoreSelection() throws IOException {
        Config config = fromFile("""
                metrics.store.retention {
                  trading_metrics = 30d
                  candles = 365d
                  performance_history = forever
                  rollups { 1m = 90d, 1h = forever }
                  max-clock-lead = 6h
                  max-delete-fraction = 0.25
                }
                """);

        RetentionPolicy policy = StoreSelector.create().select(config).retention();

        assertThat(policy.tables()).containsOnly(Map.entry(StoreTable.TRADING_METRICS, Duration.ofDays(30)),
                Map.entry(StoreTable.CANDLES, Duration.ofDays(365)));
        assertThat(policy.rollups()).containsOnly(Map.entry(Duration.ofMinutes(1), Duration.ofDays(90)));
        assertThat(policy.guards()).isEqualTo(new RetentionGuards(Duration.ofHours(6), 0.25));
        assertThat(RetentionSettings.policy(config)).isEqualTo(policy);
    }

    @Test
    void aMistypedTableKeyIsRefusedWithTheClosestKey() throws IOException {
        Config config = fromFile("metrics.store.retention.trading_metric = 30d\n");

        assertThat(selectProblems(config).problems()).singleElement().asString()
                .startsWith("unknown key metrics.store.retention.trading_metric " + at(1))
                .endsWith("did you mean 'trading_metrics'?");
    }

    @Test
    void aNearMissOfRetentionIsRefused() throws IOException {
        Config config = fromFile("metrics.store.retension.candles = 30d\n");

        assertThat(selectProblems(config).problems()).singleElement().asString()
                .startsWith("unknown key metrics.store.retension " + at(1))
                .endsWith("did you mean 'retention'?");
    }

    @Test
    void badKeepsAreRefusedAllAtOnceEachNamingItsKeyAndTheWayOut() throws IOException {
        Config config = fromFile("""
                metrics.store.retention {
                  trading_metrics = 30
                  candles = 30m
                  performance_history = "a year"
                  max-delete-fraction = 2
                }
                """);

        assertThat(selectProblems(config).problems()).containsExactly(
                "metrics.store.retention.trading_metrics = 30 " + at(2) + " is not a keep: a bare number would be"
                        + " milliseconds; give a duration with its unit, such as 30d or 720h (at least 1h; write"
                        + " months as days), or forever",
                "metrics.store.retention.candles = \"30m\" " + at(3) + " keeps rows for only PT30M (\"m\" is minutes);"
                        + " give a duration with its unit, such as 30d or 720h (at least 1h; write months as days),"
                        + " or forever",
                "metrics.store.retention.performance_history = \"a year\" " + at(4) + " is not a keep; give a"
                        + " duration with its unit, such as 30d or 720h (at least 1h; write months as days), or forever",
                "metrics.store.retention.max-delete-fraction = 2 " + at(5) + " is not a share of a table's rows;"
                        + " give a number in (0, 1] such as 0.5 (1 allows a run to delete any share)");
    }

    @Test
    void aRollupLevelTheStoreDoesNotKeepIsRefusedNamingTheLevels() throws IOException {
        Config config = fromFile("metrics.store.retention.rollups { 5m = 90d }\n");

        assertThat(selectProblems(config).problems()).containsExactly("unknown rollup level"
                + " metrics.store.retention.rollups.5m " + at(1) + "; the store's rollup levels are 1m, 1h"
                + " (metrics.store.duckdb.rollups.levels): key the keep by one of them, for example"
                + " metrics.store.retention.rollups { 1m = 90d }");
    }

    @Test
    void aRollupKeptShorterThanItsRawPointsIsRefused() throws IOException {
        Config config = fromFile("metrics.store.retention { trading_metrics = 30d, rollups.1h = 7d }\n");

        assertThat(selectProblems(config).problems()).containsExactly("metrics.store.retention.rollups.1h = \"7d\" "
                + at(1) + " keeps the rollups shorter than their raw points (metrics.store.retention.trading_metrics"
                + " = 30d); a rollup is kept at least as long as the points it summarizes: raise it, or remove it to"
                + " keep the rollups forever");
    }

    @Test
    void maintenanceDefaultsToAutoDailyAtThreeUtcWithOptimize() throws IOException {
        MaintenanceSettings settings = MetricsMaintenance.settings(fromFile(""));

        assertThat(settings).isEqualTo(MaintenanceSettings.DEFAULT);
        assertThat(settings.runsIn(true)).isTrue();
        assertThat(settings.runsIn(false)).isFalse();
    }

    @Test
    void maintenanceReadsItsScheduleAndSwitch() throws IOException {
        MaintenanceSettings settings = MetricsMaintenance.settings(fromFile("""
                metrics.maintenance { scheduler = on, at = "00:15", every = 1h, optimize = false }
                """));

        assertThat(settings).isEqualTo(new MaintenanceSettings(MaintenanceSettings.Scheduler.ON,
                new MaintenanceSchedule(Optional.of(LocalTime.of(0, 15)), Duration.ofHours(1)), false));
        assertThat(settings.runsIn(false)).isTrue();
    }

    @Test
    void badMaintenanceValuesAreRefusedEachNamingItsKey() throws IOException {
        Config config = fromFile("""
                metrics.maintenance {
                  scheduler = sometimes
                  at = "25:00"
                  every = 10s
                }
                """);

        assertThat(catchThrowableOfType(StoreConfigProblemsException.class, () -> MetricsMaintenance.settings(config))
                .problems()).containsExactly(
                "metrics.maintenance.scheduler = \"sometimes\" " + at(2) + " is not one of auto (on in a serving"
                        + " process), on, off",
                "metrics.maintenance.at = \"25:00\" " + at(3) + " is not a UTC time of day; give one such as"
                        + " \"03:00\", or \"\" to count from the process's start",
                "metrics.maintenance.every = \"10s\" " + at(4) + " is not a period of at least a minute; give one"
                        + " such as 24h or 6h");
    }

    @Test
    void aMistypedMaintenanceKeyIsRefusedWithTheClosestKey() throws IOException {
        Config config = fromFile("metrics.maintenance.sheduler = on\n");

        assertThat(catchThrowableOfType(StoreConfigProblemsException.class, () -> MetricsMaintenance.settings(config))
                .problems()).singleElement().asString()
                .startsWith("unknown key metrics.maintenance.sheduler " + at(1))
                .endsWith("did you mean 'scheduler'?");
    }

    @Test
    void aNearMissOfMaintenanceIsRefusedWhenTheStoreIsSelected() throws IOException {
        Config config = fromFile("metrics.maintenence.scheduler = on\n");

        assertThat(selectProblems(config).problems()).singleElement().asString()
                .startsWith("unknown key metrics.maintenence " + at(1))
                .endsWith("did you mean 'maintenance'?");
    }
}
