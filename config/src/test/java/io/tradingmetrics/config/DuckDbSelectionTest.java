package io.tradingmetrics.config;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.StoreNotFoundException;
import io.tradingmetrics.storage.api.OpenMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Selects the real DuckDB store (module storage-duckdb, on the test classpath) through configuration and Guice. */
class DuckDbSelectionTest {
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    private static Config load(String hocon, Map<String, String> env) {
        return MetricsConfig.load(ConfigFactory.empty(), ConfigFactory.parseString(hocon), env);
    }

    private static void assertWritesAndReads(MetricsStore store) {
        store.insertMetric(MetricPoint.of(AT, "price", 64_000.5, "BTC-USD"));
        assertThat(store.queryMetrics(MetricQuery.of("price", TimeRange.all()))).extracting(MetricPoint::value)
                .containsExactly(64_000.5);
    }

    @Test
    void theDefaultTypeOpensADuckDbFileAtTheConfiguredPath() {
        Path file = dir.resolve("nested/metrics.duckdb");
        StoreSelection selection = StoreSelector.create().select(load("", Map.of("METRICS_DUCKDB_PATH",
                file.toString())));

        assertThat(selection.type()).isEqualTo("duckdb");
        assertThat(selection.storeConfig().getBoolean("migrate-on-start")).isTrue();
        try (MetricsStore store = selection.open()) {
            assertThat(store.backendName()).isEqualTo("duckdb");
            assertWritesAndReads(store);
        }
        assertThat(file).exists();
        try (MetricsStore reopened = MetricsStores.open(load("metrics.store.duckdb.path = \"" + file + "\"",
                Map.of()))) {
            assertThat(reopened.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
        }
    }

    @Test
    void aJdbcUrlOpensThatFile() {
        Path file = dir.resolve("from-url.duckdb");
        try (MetricsStore store = MetricsStores.open("jdbc:duckdb:" + file)) {
            assertWritesAndReads(store);
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void aReaderOfAMissingFileIsRefusedAndCreatesNothing() {
        Path file = dir.resolve("typo/metrcs.duckdb");
        assertThatThrownBy(() -> MetricsStores.open("jdbc:duckdb:" + file, OpenMode.READ_ONLY))
                .isInstanceOf(StoreNotFoundException.class)
                .hasMessage("the DuckDB file " + file + " does not exist; check the path, or open the store for"
                        + " writing to create it");
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void guiceGivesOneDuckDbStoreToEveryone() {
        Path file = dir.resolve("guice.duckdb");
        Injector injector = Guice.createInjector(new MetricsStoreModule(
                load("metrics.store.duckdb.path = \"" + file + "\"", Map.of())));

        MetricsStore store = injector.getInstance(MetricsStore.class);
        try {
            assertThat(injector.getInstance(MetricsStore.class)).isSameAs(store);
            assertWritesAndReads(store);
        } finally {
            store.close();
        }
        try (MetricsStore reopened = MetricsStores.open("jdbc:duckdb:" + file)) {
            assertThat(reopened.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                    .as("closing released the file").isEqualTo(1);
        }
    }

    @Test
    void aMistypedDuckDbKeyListsTheDuckDbKeys() {
        Config config = load("metrics.store.duckdb.memory_limit = 2GB", Map.of());

        assertThatThrownBy(() -> MetricsStores.open(config)).isInstanceOf(StoreConfigException.class)
                .hasMessage("unknown key metrics.store.duckdb.memory_limit (String: 1); valid keys under"
                        + " metrics.store.duckdb: max-buckets, memory-limit, migrate-on-start, path, read-only, rollups, threads,"
                        + " write-id-retention; did you mean 'memory-limit'?");
    }

    @Test
    void aWrongTypeInTheDuckDbBlockNamesTheExpectedType() {
        Config config = load("metrics.store.duckdb { threads = many, read-only = perhaps }", Map.of());

        StoreConfigProblemsException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                StoreConfigProblemsException.class, () -> MetricsStores.open(config));

        assertThat(e.problems()).containsExactly(
                "metrics.store.duckdb.read-only = perhaps (String: 1) has the wrong type: expected a boolean (true or"
                        + " false), like the default false",
                "metrics.store.duckdb.threads = many (String: 1) has the wrong type: expected a number, like the"
                        + " default 0");
    }

    @Test
    void aValueTheDuckDbStoreRefusesIsAStoreConfigException() {
        Config config = load("metrics.store.duckdb { path = \"" + dir.resolve("x.duckdb") + "\", memory-limit = lots }",
                Map.of());

        assertThatThrownBy(() -> MetricsStores.open(config)).isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("memory-limit");
        assertThat(List.of(dir.toFile().list())).doesNotContain("x.duckdb");
    }
}
