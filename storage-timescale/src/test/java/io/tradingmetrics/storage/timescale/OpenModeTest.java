package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.OpenMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each {@link OpenMode} may do to a PostgreSQL database: reading and validating change nothing. */
class OpenModeTest {
    private final TimescaleMetricsStoreFactory factory = new TimescaleMetricsStoreFactory();

    private void assertReadsTheLegacyDatabaseAsItIs(TestServer server, boolean hypertable) throws Exception {
        AdoptionTest.createLegacy(server, hypertable);
        List<String> before = server.catalogue();
        assertThat(before).contains("r trading_metrics").doesNotContain("r flyway_schema_history");

        try (MetricsStore store = factory.open(server.storeConfig(), OpenMode.READ_ONLY)) {
            assertThat(store.queryMetrics(MetricQuery.of("price", TimeRange.all()))).extracting(MetricPoint::labels)
                    .containsExactly(Map.of(), Map.of("venue", "binance", "tier", "2"));
            assertThat(store.count(StoreTable.CANDLES, TimeRange.all())).isEqualTo(2);
            // Without the series catalogue (schema V5), the latest points come from the raw rows.
            assertThat(store.latest(LatestQuery.all())).extracting(MetricPoint::metricName, MetricPoint::timestamp)
                    .containsExactly(tuple("cpu", Instant.parse("2024-01-02T12:00:00Z")),
                            tuple("latency_ms", Instant.parse("2024-01-02T18:30:00Z")),
                            tuple("price", Instant.parse("2024-01-01T00:00:01Z")));
            assertThat(store.schemaInfo().notAdopted()).isTrue();
            assertThat(store.schemaInfo().currentVersion()).isEqualTo("none");
            assertThatThrownBy(() -> store.insertMetric(MetricPoint.of(Instant.EPOCH, "m", 1)))
                    .isInstanceOf(MetricsStoreException.class).hasMessageContaining("is open for reading only");
        }
        assertThatThrownBy(() -> factory.open(server.storeConfig(), OpenMode.VALIDATE))
                .isInstanceOf(SchemaException.class).hasMessageContaining("has not been adopted yet");
        assertThat(server.catalogue()).as("tables, indexes, no flyway_schema_history").isEqualTo(before);
    }

    @Test
    void readOnlyReadsALegacyHypertableDatabaseAsItIsAndChangesNoCatalogueEntry() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE)) {
            assertReadsTheLegacyDatabaseAsItIs(server, true);
        }
    }

    @Test
    void readOnlyReadsALegacyPlainPostgresDatabaseAsItIs() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES)) {
            assertReadsTheLegacyDatabaseAsItIs(server, false);
        }
    }

    @Test
    void readOnlyOfAMissingSchemaIsAnEmptyStoreAndCreatesNothing() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE)) {
            try (MetricsStore store = factory.open(server.storeConfig(), OpenMode.READ_ONLY)) {
                assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();
                assertThat(store.schemaInfo().currentVersion()).isEqualTo("none");
                assertThat(store.schemaInfo().latestVersion()).isEqualTo("8");
                assertThatThrownBy(() -> store.insertMetric(MetricPoint.of(Instant.EPOCH, "m", 1)))
                        .isInstanceOf(MetricsStoreException.class)
                        .hasMessageContaining("holds none of the store's tables");
            }
            assertThatThrownBy(() -> factory.open(server.storeConfig(), OpenMode.VALIDATE))
                    .isInstanceOf(SchemaException.class).hasMessageContaining("has no schema");
            assertThat(server.catalogue()).as("not even the schema").isEmpty();
        }
    }

    @Test
    void migrateCreatesTheSchemaWhateverMigrateOnStartSaysAndValidateThenPasses() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES)) {
            try (MetricsStore store = factory.open(server.storeConfig("migrate-on-start", false), OpenMode.MIGRATE)) {
                assertThat(store.schemaInfo().isUpToDate()).isTrue();
            }
            try (MetricsStore store = factory.open(server.storeConfig(), OpenMode.VALIDATE)) {
                assertThat(store.schemaInfo().isUpToDate()).isTrue();
            }
        }
    }

    @Test
    void describesTheServerAndSchemaWithoutCredentials() {
        assertThat(factory.describe(com.typesafe.config.ConfigFactory.parseMap(Map.of(
                "url", "jdbc:postgresql://db1:5433/trading?sslmode=disable", "user", "u", "password", "hunter2",
                "schema", "metrics")))).isEqualTo("timescale postgresql://db1:5433/trading schema metrics");
    }
}
