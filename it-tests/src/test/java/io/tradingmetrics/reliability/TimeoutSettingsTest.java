package io.tradingmetrics.reliability;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.config.MetricsConfig;
import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.timescale.TimescaleMetricsStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TimescaleDB store's bounds written in HOCON as an application writes them: durations, or milliseconds. */
class TimeoutSettingsTest {

    private static Config config(String spec, String timeouts) {
        return MetricsConfig.load(ConfigFactory.empty(), ConfigFactory.parseString("metrics.store.type = timescale\n"
                + "metrics.store.timescale { url = \"" + ReliabilityStores.timescaleUrl() + "\", schema = "
                + spec.substring("timescale:".length()) + "\n" + timeouts + " }"), Map.of());
    }

    @Test
    void durationsAndMillisecondsAreTaken() throws Exception {
        String spec = ReliabilityStores.newTimescaleSpec();
        try {
            try (MetricsStore store = MetricsStores.open(config(spec,
                    "statement-timeout = 30s, socket-timeout = 1m, connect-timeout = 1500ms"))) {
                TimescaleMetricsStore timescale = (TimescaleMetricsStore) store;
                assertThat(timescale.settings().statementTimeout()).isEqualTo(Duration.ofSeconds(30));
                assertThat(timescale.settings().socketTimeout()).isEqualTo(Duration.ofMinutes(1));
                assertThat(timescale.settings().connectTimeout()).isEqualTo(Duration.ofMillis(1500));
            }
            try (MetricsStore store = MetricsStores.open(config(spec, "statement-timeout = 30000"))) {
                assertThat(((TimescaleMetricsStore) store).settings().statementTimeout())
                        .isEqualTo(Duration.ofSeconds(30));
            }
        } finally {
            ReliabilityStores.drop(spec);
        }
    }

    @Test
    void aSocketTimeoutNotLongerThanTheStatementTimeoutIsRefused() {
        assertThatThrownBy(() -> MetricsStores.open(config(ReliabilityStores.newTimescaleSpec(),
                "statement-timeout = 5m, socket-timeout = 2m")))
                .isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("metrics.store.timescale.socket-timeout = 2m is not usable: give 0 (no limit)"
                        + " or at least 1s and more than statement-timeout (5m)");
    }
}
