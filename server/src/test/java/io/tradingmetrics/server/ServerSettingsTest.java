package io.tradingmetrics.server;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.config.StoreConfigProblemsException;
import io.tradingmetrics.config.StoreSelector;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("metrics.server settings: defaults, every key, strict checking")
class ServerSettingsTest {
    @Test
    @DisplayName("the defaults: 127.0.0.1:8000, writable, no token, no CORS origin")
    void defaults() {
        assertThat(ServerSettings.from(ConfigFactory.empty())).isEqualTo(new ServerSettings(8000, "127.0.0.1", false,
                Optional.empty(), List.of(), 16L << 20, 100_000, 100_000, Duration.ofSeconds(1), 100,
                Duration.ofSeconds(10)));
    }

    @Test
    @DisplayName("every key maps to its setting; the token is never printed")
    void everyKey() {
        ServerSettings settings = ServerSettings.from(ConfigFactory.parseString("""
                metrics.server {
                  port = 9100, bind = "0.0.0.0", read-only = true, auth-token = "s3cret"
                  cors-origins = ["http://a", "http://b"], max-body-size = 1MiB, max-buckets = 500, max-points = 50
                  live { rate = 250ms, max-clients = 3 }, drain-timeout = 2s
                }"""));

        assertThat(settings).isEqualTo(new ServerSettings(9100, "0.0.0.0", true, Optional.of("s3cret"),
                List.of("http://a", "http://b"), 1L << 20, 500, 50, Duration.ofMillis(250), 3, Duration.ofSeconds(2)));
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    @DisplayName("an unknown key is refused with the closest valid one, and every problem is reported at once")
    void strict() {
        assertThatThrownBy(() -> ServerSettings.from(ConfigFactory.parseString(
                "metrics.server { prot = 9000, live.rtae = 1s, drain-timeout = soon, max-points = -1 }")))
                .isInstanceOf(StoreConfigProblemsException.class)
                .hasMessageContaining("unknown key metrics.server.prot").hasMessageContaining("did you mean 'port'?")
                .hasMessageContaining("unknown key metrics.server.live.rtae")
                .hasMessageContaining("did you mean 'rate'?");
        assertThatThrownBy(() -> ServerSettings.from(ConfigFactory.parseString(
                "metrics.server { drain-timeout = soon, max-body-size = lots }")))
                .isInstanceOf(StoreConfigProblemsException.class)
                .hasMessageContaining("metrics.server.drain-timeout = \"soon\"")
                .hasMessageContaining("is not a duration")
                .hasMessageContaining("metrics.server.max-body-size = \"lots\"");
        assertThatThrownBy(() -> ServerSettings.from(ConfigFactory.parseString("metrics.server.port = many")))
                .isInstanceOf(StoreConfigProblemsException.class)
                .hasMessageContaining("metrics.server.port = many").hasMessageContaining("expected a number");
        assertThatThrownBy(() -> ServerSettings.from(ConfigFactory.parseString("metrics.server.port = 70000")))
                .isInstanceOf(StoreConfigProblemsException.class).hasMessageContaining("is not a TCP port");
        assertThatThrownBy(() -> ServerSettings.from(ConfigFactory.parseString("metrics.server.auth-token = 123x, "
                + "metrics.server.port = x")))
                .isInstanceOf(StoreConfigProblemsException.class).hasMessageNotContaining("123x");
    }

    @Test
    @DisplayName("a mistyped block name (metrics.sever) is refused where the store is selected, naming metrics.server")
    void nearMissOfTheBlock() {
        assertThatThrownBy(() -> StoreSelector.create().select(ConfigFactory.parseString("metrics.sever.port = 9000")
                .withFallback(ConfigFactory.defaultReference()).resolve()))
                .isInstanceOf(StoreConfigProblemsException.class)
                .hasMessageContaining("unknown key metrics.sever").hasMessageContaining("did you mean 'server'?");
    }
}
