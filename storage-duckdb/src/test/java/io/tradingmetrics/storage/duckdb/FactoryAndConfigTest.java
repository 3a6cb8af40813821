package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.spi.MetricsStoreFactory;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreNotFoundException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.jdbc.BucketCap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FactoryAndConfigTest {
    @TempDir
    Path folder;

    private static MetricsStoreFactory factory() {
        return ServiceLoader.load(MetricsStoreFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("duckdb")).findFirst().orElseThrow();
    }

    @Test
    void isFoundThroughServiceLoaderAndNamesItsModule() {
        MetricsStoreFactory factory = factory();
        assertThat(factory).isInstanceOf(DuckDbMetricsStoreFactory.class);
        assertThat(factory.moduleName()).isEqualTo("storage-duckdb");
    }

    @Test
    void referenceConfHoldsTheDocumentedDefaults() {
        Config block = ConfigFactory.defaultReference().getConfig(DuckDbStoreConfig.BLOCK);
        DuckDbStoreConfig config = DuckDbStoreConfig.from(block);
        // The path default can be overridden by METRICS_DUCKDB_PATH in the environment.
        String expectedPath = System.getenv().getOrDefault("METRICS_DUCKDB_PATH", "data/metrics.duckdb");
        assertThat(config.path()).isEqualTo(expectedPath);
        assertThat(block.getInt("threads")).isZero();
        assertThat(block.getString("memory-limit")).isEmpty();
        assertThat(block.getBoolean("read-only")).isFalse();
        assertThat(block.getBoolean("migrate-on-start")).isTrue();
        assertThat(block.getLong("max-buckets")).isEqualTo(1_000_000L);
        assertThat(config.bucketCap()).isEqualTo(new BucketCap(1_000_000L, "metrics.store.duckdb.max-buckets"));
    }

    @Test
    void checkingTheSchemaOfAMissingFileLeavesNoFileBehind() {
        Path file = folder.resolve("absent.duckdb");
        Config block = ConfigFactory.parseMap(Map.of("path", file.toString(), "migrate-on-start", false));
        assertThatThrownBy(() -> factory().create(block)).isInstanceOf(StoreNotFoundException.class)
                .hasMessage("the DuckDB file " + file + " does not exist; check the path, or open the store for"
                        + " writing to create it");
        assertThat(file).doesNotExist();
    }

    @Test
    void createsAStoreFromAPartialBlockWithDefaultsFilledIn() {
        Path file = folder.resolve("sub/f.duckdb");
        Config block = ConfigFactory.parseMap(Map.of("path", file.toString(), "threads", 1, "memory-limit", "256MB"));
        try (MetricsStore store = factory().create(block)) {
            store.insertMetric(MetricPoint.of(Instant.EPOCH, "m", 1));
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
            assertThat(store.health().details()).containsEntry("threads", "1")
                    .hasEntrySatisfying("memoryLimit", limit -> assertThat(limit).contains("MiB"));
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void mapsJdbcUrls() {
        MetricsStoreFactory factory = factory();
        assertThat(factory.configForUrl("jdbc:duckdb:data/x.duckdb")).hasValueSatisfying(
                c -> assertThat(c.getString("path")).isEqualTo("data/x.duckdb"));
        assertThat(factory.configForUrl("jdbc:duckdb:")).hasValueSatisfying(
                c -> assertThat(c.getString("path")).isEqualTo(":memory:"));
        assertThat(factory.configForUrl("jdbc:duckdb::memory:")).hasValueSatisfying(
                c -> assertThat(c.getString("path")).isEqualTo(":memory:"));
        assertThat(factory.configForUrl("jdbc:postgresql://localhost/db")).isEmpty();
        try (MetricsStore store = factory.create(factory.configForUrl("jdbc:duckdb:").orElseThrow())) {
            assertThat(store.health().healthy()).isTrue();
        }
    }

    @Test
    void refusesUnusableValuesNamingTheKey() {
        assertThatThrownBy(() -> DuckDbStoreConfig.from(block(Map.of("threads", -1))))
                .isInstanceOf(StoreConfigException.class).hasMessageContaining("metrics.store.duckdb.threads");
        assertThatThrownBy(() -> DuckDbStoreConfig.from(block(Map.of("threads", "many"))))
                .isInstanceOf(StoreConfigException.class).hasMessageContaining("metrics.store.duckdb.threads")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> DuckDbStoreConfig.from(block(Map.of("memory-limit", "lots"))))
                .isInstanceOf(StoreConfigException.class).hasMessageContaining("metrics.store.duckdb.memory-limit");
        assertThatThrownBy(() -> DuckDbStoreConfig.from(block(Map.of("read-only", "maybe"))))
                .isInstanceOf(StoreConfigException.class).hasMessageContaining("metrics.store.duckdb.read-only");
        assertThatThrownBy(() -> DuckDbStoreConfig.from(block(Map.of("path", " "))))
                .isInstanceOf(StoreConfigException.class).hasMessageContaining("metrics.store.duckdb.path");
        assertThatThrownBy(() -> DuckDbStoreConfig.from(block(Map.of("path", ":memory:", "read-only", true))))
                .isInstanceOf(StoreConfigException.class).hasMessageContaining("read-only");
        assertThat(DuckDbStoreConfig.from(block(Map.of("memory-limit", "1.5GB"))).memoryLimit()).isEqualTo("1.5GB");
        assertThatThrownBy(() -> DuckDbStoreConfig.from(block(Map.of("max-buckets", 0))))
                .isInstanceOf(StoreConfigException.class)
                .hasMessage("metrics.store.duckdb.max-buckets is 0; give 1 or more (the default is 1000000)");
        assertThatThrownBy(() -> DuckDbStoreConfig.from(block(Map.of("max-buckets", "lots"))))
                .isInstanceOf(StoreConfigException.class).hasMessageContaining("metrics.store.duckdb.max-buckets")
                .hasMessageContaining("whole number");
        assertThat(DuckDbStoreConfig.from(block(Map.of("max-buckets", 10))).maxBuckets()).isEqualTo(10);
    }

    private static Config block(Map<String, Object> values) {
        return ConfigFactory.parseMap(values)
                .withFallback(ConfigFactory.defaultReference().getConfig(DuckDbStoreConfig.BLOCK));
    }
}
