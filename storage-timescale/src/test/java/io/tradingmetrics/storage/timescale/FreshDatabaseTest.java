package io.tradingmetrics.storage.timescale;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreHealth;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store opened as an app opens it (found by name through ServiceLoader, default settings: schema public) on a
 * brand-new database, where TimescaleDB is packaged but not yet created.
 */
class FreshDatabaseTest {

    private interface DatabaseWork {
        void run(String url) throws Exception;
    }

    private static void withNewDatabase(PostgresTestServer server, DatabaseWork work) throws Exception {
        String url = server.url();
        String database = "it_db_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                .toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(url); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            try {
                work.run(url.replace("/metrics_it", "/" + database));
            } finally {
                statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
        }
    }

    private static MetricsStoreFactory factory() {
        return ServiceLoader.load(MetricsStoreFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("timescale")).findFirst().orElseThrow();
    }

    @Test
    void factoryIsFoundByNameAndMapsUrls() {
        MetricsStoreFactory factory = factory();

        assertThat(factory.moduleName()).isEqualTo("storage-timescale");
        assertThat(factory.configForUrl("jdbc:postgresql://db:5432/metrics?user=u&password=p")).hasValueSatisfying(
                config -> assertThat(config.root().unwrapped()).isEqualTo(Map.of(
                        "url", "jdbc:postgresql://db:5432/metrics", "user", "u", "password", "p")));
        assertThat(factory.configForUrl("jdbc:duckdb:/tmp/x.duckdb")).isEmpty();
    }

    @Test
    void timescaleServerGetsTheExtensionAndHypertablesInPublic() throws Exception {
        withNewDatabase(TestServer.TIMESCALE, url -> {
            try (MetricsStore store = factory().create(factory().configForUrl(url).orElseThrow())) {
                store.insertMetric(MetricPoint.of(Instant.parse("2024-01-01T00:00:00Z"), "price", 1, "BTC"));

                assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
                StoreHealth health = store.health();
                assertThat(health.healthy()).isTrue();
                assertThat(health.details()).containsEntry("schema", "public")
                        .containsEntry("timescaledb", "active")
                        .containsEntry("hypertables", "candles, performance_history, trading_metrics");
            }
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT extnamespace::regnamespace::text FROM pg_extension"
                         + " WHERE extname = 'timescaledb'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("public");
            }
        });
    }

    @Test
    void plainPostgresGetsPlainTablesInPublic() throws Exception {
        withNewDatabase(TestServer.POSTGRES, url -> {
            try (MetricsStore store = factory().create(factory().configForUrl(url).orElseThrow())) {
                store.insertMetric(MetricPoint.of(Instant.parse("2024-01-01T00:00:00Z"), "price", 1, "BTC"));

                assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
                assertThat(store.health().details()).containsEntry("schema", "public")
                        .containsEntry("timescaledb", "not used");
            }
        });
    }

    @Test
    void requiredOnPlainPostgresFailsBeforeCreatingAnything() throws Exception {
        withNewDatabase(TestServer.POSTGRES, url -> {
            assertThatThrownBy(() -> factory().create(factory().configForUrl(url).orElseThrow()
                    .withFallback(ConfigFactory.parseMap(Map.of("timescaledb", "required")))))
                    .isInstanceOf(StoreConfigException.class)
                    .hasMessageContaining("TimescaleDB is required");
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
                row.next();
                assertThat(row.getLong(1)).isZero();
            }
        });
    }
}
