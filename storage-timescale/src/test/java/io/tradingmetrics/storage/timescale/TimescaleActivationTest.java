package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.StoreConfigException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which TimescaleDB features the store uses, decided against real servers with and without the extension. */
class TimescaleActivationTest {

    private static TimescaleFeatures resolve(TestServer server, TimescaleMode mode) throws Exception {
        try (Connection connection = server.admin()) {
            return TimescaleActivation.resolve(connection, mode, "test server", true);
        }
    }

    @Test
    void autoUsesTheApacheEditionAndSaysWhatItLacks() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE)) {
            TimescaleFeatures features = resolve(server, TimescaleMode.AUTO);

            assertThat(features.active()).isTrue();
            assertThat(features.license()).contains("apache");
            assertThat(features.communityFeatures()).isFalse();
            assertThat(features.details())
                    .containsEntry("timescaledb", "active")
                    .containsEntry("timescaledb.license", "apache")
                    .containsEntry("timescaledb.features", "hypertables, time_bucket, first/last, drop_chunks")
                    .hasEntrySatisfying("timescaledb.features-not-used", v -> assertThat(v)
                            .contains("compression", "time_bucket_gapfill", "continuous aggregates",
                                    "not in the apache license"))
                    .containsKey("timescaledb.version");
            assertThat(features.functionSchema()).isEqualTo("\"public\"");
        }
    }

    @Test
    void offIgnoresAnInstalledExtension() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE)) {
            TimescaleFeatures features = resolve(server, TimescaleMode.OFF);

            assertThat(features.active()).isFalse();
            assertThat(features.details()).containsEntry("timescaledb", "not used")
                    .containsEntry("timescaledb.reason", "metrics.store.timescale.timescaledb = off");
        }
    }

    @Test
    void autoFallsBackToPlainPostgres() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES)) {
            TimescaleFeatures features = resolve(server, TimescaleMode.AUTO);

            assertThat(features.active()).isFalse();
            assertThat(features.details().get("timescaledb.reason")).contains("has no TimescaleDB extension");
        }
    }

    @Test
    void requiredRefusesPlainPostgresAndSaysHowToGetTimescale() {
        assertThatThrownBy(() -> {
            try (TestServer server = TestServer.of(TestServer.POSTGRES)) {
                resolve(server, TimescaleMode.REQUIRED);
            }
        }).isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("TimescaleDB is required")
                .hasMessageContaining("shared_preload_libraries = 'timescaledb'")
                .hasMessageContaining("CREATE EXTENSION timescaledb")
                .hasMessageContaining("metrics.store.timescale.timescaledb = auto");
    }

    @Test
    void autoCreatesTheExtensionInADatabaseThatLacksIt() throws Exception {
        String url = TestServer.of(TestServer.TIMESCALE).url();
        String database = "it_db_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                .toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(url); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            try {
                String otherUrl = url.replace("/metrics_it", "/" + database);
                try (Connection connection = DriverManager.getConnection(otherUrl)) {
                    ServerFacts before = ServerFacts.read(connection);
                    assertThat(before.installedVersion()).isEmpty();
                    assertThat(before.loaded()).as("the library is preloaded even where the extension is not created")
                            .isTrue();

                    TimescaleFeatures features = TimescaleActivation.resolve(connection, TimescaleMode.AUTO, "db", true);

                    assertThat(features.active()).isTrue();
                    assertThat(features.extensionSchema()).contains("public");
                    try (Statement check = connection.createStatement();
                         ResultSet row = check.executeQuery("SELECT public.time_bucket(INTERVAL '1 week',"
                                 + " TIMESTAMPTZ '2024-03-15 10:00+00') = TIMESTAMPTZ '2024-03-11 00:00+00'")) {
                        row.next();
                        assertThat(row.getBoolean(1)).isTrue();
                    }
                }
            } finally {
                statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
        }
    }
}
