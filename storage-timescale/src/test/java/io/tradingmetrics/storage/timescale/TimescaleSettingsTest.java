package io.tradingmetrics.storage.timescale;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.jdbc.BucketCap;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimescaleSettingsTest {

    /** reference.conf resolved against the given "environment" only, so the test does not depend on the machine's. */
    private static Config reference(Map<String, String> environment) {
        // Substitutions such as ${?PGHOST} look at the root of the configuration before the real environment.
        return ConfigFactory.parseMap(environment)
                .withFallback(ConfigFactory.parseResources(TimescaleSettings.class.getClassLoader(), "reference.conf"))
                .resolve(ConfigResolveOptions.noSystem())
                .getConfig(TimescaleSettings.PATH);
    }

    @Test
    void recordedDefaults() {
        Config defaults = reference(Map.of());

        assertThat(defaults.root().unwrapped()).isEqualTo(Map.ofEntries(
                Map.entry("url", ""), Map.entry("host", "localhost"), Map.entry("port", 5432),
                Map.entry("database", ""), Map.entry("user", "postgres"), Map.entry("password", ""),
                Map.entry("schema", "public"), Map.entry("pool-size", 8), Map.entry("timescaledb", "auto"),
                Map.entry("chunk-interval", "1d"), Map.entry("migrate-on-start", true),
                Map.entry("connect-timeout", "10s"), Map.entry("statement-timeout", "0s"),
                Map.entry("socket-timeout", "5m"), Map.entry("application-name", "trading-metrics"),
                Map.entry("write-id-retention", "1d"),
                Map.entry("max-buckets", 1_000_000),
                Map.entry("rollups", Map.of("enabled", false, "levels", List.of("1m", "1h"), "refresh-interval", "1s",
                        "refresh-lag", "10s", "min-points-per-row", 4))));
        TimescaleSettings settings = TimescaleSettings.from(defaults);
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(settings.timescaleMode()).isEqualTo(TimescaleMode.AUTO);
        assertThat(settings.chunkInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.poolSize()).isEqualTo(8);
        assertThat(settings.migrateOnStart()).isTrue();
        assertThat(settings.maxBuckets()).isEqualTo(1_000_000L);
        assertThat(settings.writeIdRetention()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void fullMapping() {
        TimescaleSettings settings = TimescaleSettings.from(ConfigFactory.parseMap(Map.ofEntries(
                Map.entry("url", "jdbc:postgresql://db:6000/metrics"), Map.entry("user", "writer"),
                Map.entry("password", "pw"), Map.entry("schema", "trading"), Map.entry("pool-size", 3),
                Map.entry("timescaledb", "required"), Map.entry("chunk-interval", "6h"),
                Map.entry("migrate-on-start", false), Map.entry("connect-timeout", "2s"),
                Map.entry("statement-timeout", "30s"), Map.entry("socket-timeout", "45s"),
                Map.entry("application-name", "dash"), Map.entry("max-buckets", 5_000),
                Map.entry("write-id-retention", "2h"))));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db:6000/metrics");
        assertThat(settings.user()).isEqualTo("writer");
        assertThat(settings.password()).isEqualTo("pw");
        assertThat(settings.schema()).isEqualTo("trading");
        assertThat(settings.poolSize()).isEqualTo(3);
        assertThat(settings.timescaleMode()).isEqualTo(TimescaleMode.REQUIRED);
        assertThat(settings.chunkInterval()).isEqualTo(Duration.ofHours(6));
        assertThat(settings.migrateOnStart()).isFalse();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.socketTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.applicationName()).isEqualTo("dash");
        assertThat(settings.bucketCap()).isEqualTo(new BucketCap(5_000, "metrics.store.timescale.max-buckets"));
        assertThat(settings.writeIdRetention()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void timescaleDsnInEitherFormOverridesTheUrl() {
        TimescaleSettings libpq = TimescaleSettings.from(reference(Map.of(
                "TIMESCALE_DSN", "postgresql://app:secret@ts.internal:5433/prod", "PGHOST", "ignored")));
        assertThat(libpq.jdbcUrl()).isEqualTo("jdbc:postgresql://ts.internal:5433/prod");
        assertThat(libpq.user()).isEqualTo("app");
        assertThat(libpq.password()).isEqualTo("secret");

        TimescaleSettings jdbc = TimescaleSettings.from(reference(Map.of(
                "TIMESCALE_DSN", "jdbc:postgresql://ts.internal/prod?user=app", "PGPASSWORD", "fromenv")));
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://ts.internal/prod");
        assertThat(jdbc.user()).isEqualTo("app");
        assertThat(jdbc.password()).isEqualTo("fromenv");
    }

    @Test
    void libpqVariablesBuildTheUrlWhenNoneIsGiven() {
        TimescaleSettings settings = TimescaleSettings.from(reference(Map.of("PGHOST", "pg.local", "PGPORT", "6432",
                "PGDATABASE", "trading", "PGUSER", "reader", "PGPASSWORD", "pw")));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://pg.local:6432/trading");
        assertThat(settings.user()).isEqualTo("reader");
        assertThat(settings.password()).isEqualTo("pw");
        assertThat(TimescaleSettings.from(reference(Map.of("PGUSER", "reader"))).jdbcUrl())
                .as("the database defaults to the user's name, as in libpq")
                .isEqualTo("jdbc:postgresql://localhost:5432/reader");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Config bad = ConfigFactory.parseMap(Map.of("pool-size", 0, "timescaledb", "sometimes", "chunk-interval", "5s",
                "password", "hunter2", "url", "jdbc:postgresql://h/db"));

        assertThatThrownBy(() -> TimescaleSettings.from(bad))
                .isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("metrics.store.timescale.pool-size = 0")
                .hasMessageContaining("'sometimes' is not a mode; valid modes: auto, required, off")
                .hasMessageContaining("metrics.store.timescale.chunk-interval = PT5S")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void passwordsNeverShow() {
        TimescaleSettings settings = TimescaleSettings.from(ConfigFactory.parseMap(Map.of(
                "url", "postgresql://u:topsecret@h/db")));

        assertThat(settings.toString()).doesNotContain("topsecret").contains("password=***");
        assertThat(settings.describe()).doesNotContain("topsecret");
        assertThat(settings.jdbcUrl()).doesNotContain("topsecret");
    }

    @Test
    void urlForConfigurationKeepsCredentialsApart() {
        Config config = TimescaleSettings.forUrl("jdbc:postgresql://h:1/db?user=u&password=p&ssl=true");

        assertThat(config.root().unwrapped()).isEqualTo(Map.of(
                "url", "jdbc:postgresql://h:1/db?ssl=true", "user", "u", "password", "p"));
        assertThat(TimescaleSettings.from(config).password()).isEqualTo("p");
    }
}
