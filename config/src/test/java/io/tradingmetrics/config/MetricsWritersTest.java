package io.tradingmetrics.config;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.writer.OverflowPolicy;
import io.tradingmetrics.writer.WriterSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsWritersTest {

    @Test
    @DisplayName("the reference configuration gives the writer's recorded defaults")
    void defaults() {
        assertThat(MetricsWriters.settings(ConfigFactory.empty())).isEqualTo(WriterSettings.defaults());
    }

    @Test
    @DisplayName("every key maps to its setting")
    void fullMapping() {
        WriterSettings settings = MetricsWriters.settings(ConfigFactory.parseString("""
                metrics.writer {
                  batch-size = 1000
                  flush-interval = 50ms
                  buffer { max-rows = 5000, max-bytes = 1MiB }
                  overflow { policy = drop-oldest, block-timeout = 2s }
                  retry { for = 1m, initial-backoff = 10ms, max-backoff = 1s }
                  close-timeout = 3s
                  close-on-shutdown = false
                }
                """));
        assertThat(settings).isEqualTo(new WriterSettings(1000, Duration.ofMillis(50), 5000, 1 << 20,
                OverflowPolicy.DROP_OLDEST, Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMillis(10),
                Duration.ofSeconds(1), Duration.ofSeconds(3), false));
    }

    @Test
    @DisplayName("an unknown key, a bad duration and a bad policy are reported together")
    void everyProblemAtOnce() {
        assertThatThrownBy(() -> MetricsWriters.settings(ConfigFactory.parseString(
                "metrics.writer { batch-sise = 10, overflow.policy = sometimes }")))
                .isInstanceOf(StoreConfigProblemsException.class)
                .hasMessageContaining("unknown key metrics.writer.batch-sise")
                .hasMessageContaining("did you mean 'batch-size'?");
        assertThatThrownBy(() -> MetricsWriters.settings(ConfigFactory.parseString(
                "metrics.writer { flush-interval = soon, overflow.policy = sometimes }")))
                .isInstanceOf(StoreConfigProblemsException.class)
                .hasMessageContaining("metrics.writer.flush-interval = \"soon\"")
                .hasMessageContaining("is not a duration such as 200ms")
                .hasMessageContaining("metrics.writer.overflow.policy = \"sometimes\"")
                .hasMessageContaining("one of block, drop-newest, drop-oldest, fail");
    }

    @Test
    @DisplayName("values that contradict each other are refused with the way out")
    void contradictions() {
        assertThatThrownBy(() -> MetricsWriters.settings(ConfigFactory.parseString(
                "metrics.writer { batch-size = 10000, buffer.max-rows = 100 }")))
                .isInstanceOf(StoreConfigProblemsException.class)
                .hasMessageContaining("smaller than the batch size");
    }
}
