package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.maintenance.MaintenanceScheduler;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.duckdb.DuckDbMetricsStore;
import io.tradingmetrics.storage.duckdb.DuckDbStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Off by default in an app, on in a serving process, as metrics.maintenance.scheduler says. */
class MetricsMaintenanceTest {
    @TempDir
    Path dir;

    private static Config config(String hocon) {
        return MetricsConfig.load(ConfigFactory.empty(), ConfigFactory.parseString(hocon), Map.of());
    }

    private static boolean started(Optional<MaintenanceScheduler> scheduler) {
        scheduler.ifPresent(MaintenanceScheduler::close);
        return scheduler.isPresent();
    }

    @Test
    void theDefaultAutoRunsInAServerAndNotInAnApp() {
        try (MetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(dir.resolve("m.duckdb").toString()))) {
            assertThat(started(MetricsMaintenance.startIfEnabled(store, config("")))).isFalse();
            assertThat(started(MetricsMaintenance.startForServer(store, config("")))).isTrue();
            assertThat(started(MetricsMaintenance.startIfEnabled(store, config("metrics.maintenance.scheduler = on"))))
                    .isTrue();
            assertThat(started(MetricsMaintenance.startForServer(store, config("metrics.maintenance.scheduler = off"))))
                    .isFalse();
        }
    }
}
