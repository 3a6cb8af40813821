package io.tradingmetrics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigRedactionTest {
    private static final String SECRET = "hunter2";

    private static Config load(String hocon) {
        return MetricsConfig.load(ConfigFactory.empty(), ConfigFactory.parseString(hocon), Map.of());
    }

    @Test
    void renderMasksSecretsAtAnyDepthAndKeepsTheRest() {
        Config config = ConfigFactory.parseString("""
                password = hunter2
                db { user = trader, db-password = hunter2, nested { api_token = hunter2, client-secret = hunter2 } }
                list = [ { credentials = hunter2 } ]
                """);

        String rendered = ConfigRedaction.render(config);

        assertThat(rendered).doesNotContain(SECRET).contains("trader").contains(ConfigRedaction.MASK);
        assertThat(ConfigRedaction.redact(config).getString("db.nested.api_token")).isEqualTo(ConfigRedaction.MASK);
        assertThat(ConfigRedaction.redact(config).getString("db.user")).isEqualTo("trader");
    }

    @Test
    void urlsLoseTheirPasswords() {
        assertThat(ConfigRedaction.redactUrl("jdbc:postgresql://trader:hunter2@db:5432/metrics?ssl=true"))
                .isEqualTo("jdbc:postgresql://trader:<redacted>@db:5432/metrics?ssl=true");
        assertThat(ConfigRedaction.redactUrl("jdbc:postgresql://db/metrics?user=trader&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/metrics?user=trader&password=<redacted>&ssl=true");
        assertThat(ConfigRedaction.redactUrl("jdbc:duckdb:data/metrics.duckdb"))
                .isEqualTo("jdbc:duckdb:data/metrics.duckdb");
        assertThat(ConfigRedaction.render(ConfigFactory.parseString("url = \"jdbc:x://db/m?password=hunter2\"")))
                .doesNotContain(SECRET);
    }

    @Test
    void selectionToStringHidesThePassword() {
        StoreSelection selection = StoreSelector.create().select(load("""
                metrics.store.type = recording
                metrics.store.recording.password = hunter2
                """));

        assertThat(selection.storeConfig().getString("password")).isEqualTo(SECRET);
        assertThat(selection.toString()).doesNotContain(SECRET).contains("password=\"<redacted>\"");
    }

    @Test
    void errorsAboutSecretKeysNeverPrintTheValue() {
        StoreConfigProblemsException e = catchThrowableOfType(StoreConfigProblemsException.class,
                () -> StoreSelector.create().select(load("""
                        metrics.store.type = recording
                        metrics.store.recording.password = [hunter2]
                        metrics.store.recording.pasword = hunter2
                        """)));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).doesNotContain(SECRET)
                .contains("metrics.store.recording.password = <redacted>")
                .contains("unknown key metrics.store.recording.pasword");
    }
}
