package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A path is a path (no driver options ride in it), and a memory limit the engine cannot work with is refused. */
class PathAndLimitsConfigTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {";threads=1", ";access_mode=READ_ONLY", ";memory_limit=1KB", ";"})
    void aPathCarryingDriverOptionsIsRefusedBeforeAnythingIsCreated(String options) {
        String path = folder.resolve("x.duckdb") + options;

        assertThatThrownBy(() -> new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", path))))
                .isInstanceOf(StoreConfigException.class)
                .hasMessage("metrics.store.duckdb.path is '" + path + "', which holds ';': DuckDB's driver would read"
                        + " what follows as connection options instead of a file name; name a file whose path has no"
                        + " ';', and set threads, memory-limit and read-only as keys of metrics.store.duckdb");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void aJdbcUrlWithOptionsIsRefusedToo() {
        DuckDbMetricsStoreFactory factory = new DuckDbMetricsStoreFactory();
        String url = "jdbc:duckdb:" + folder.resolve("x.duckdb") + ";threads=1";

        assertThatThrownBy(() -> factory.create(factory.configForUrl(url).orElseThrow()))
                .isInstanceOf(StoreConfigException.class).hasMessageContaining("which holds ';'");
        assertThat(folder).isEmptyDirectory();
    }

    /** Characters that mean something in URLs or to DuckDB elsewhere name a file like any other. */
    @Test
    void otherUnusualCharactersOpenExactlyTheNamedFile() {
        Path file = folder.resolve("a?b=c&d#e:f md:g %20.duckdb");
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            store.insertMetric(MetricPoint.of(Instant.parse("2024-01-01T00:00:00Z"), "price", 1, "BTC"));
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
        }
        assertThat(Files.isRegularFile(file)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0MB", "0.0GB", "1KB", "1MB", "15MB", "1000000 bytes"})
    void aMemoryLimitTooSmallToRunQueriesIsRefused(String limit) {
        assertThatThrownBy(() -> new DuckDbStoreConfig("x.duckdb", 0, limit, false, true))
                .isInstanceOf(StoreConfigException.class)
                .hasMessage(limit.equals("0") ? "metrics.store.duckdb.memory-limit is '0'; give a size with its unit"
                        + " such as 512MB or 2GB, or \"\" for the engine's default"
                        : "metrics.store.duckdb.memory-limit is '" + limit + "', below the 16MB that the engine needs"
                        + " to run queries; give a size such as 512MB or 2GB, or \"\" for the engine's default (80% of"
                        + " the memory)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"16MB", "64MiB", "1.5GB", "2gb", "100000000 bytes"})
    void aUsableMemoryLimitIsTakenByTheEngine(String limit) {
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(
                new DuckDbStoreConfig(folder.resolve("m.duckdb").toString(), 0, limit, false, true))) {
            store.insertMetric(MetricPoint.of(Instant.parse("2024-01-01T00:00:00Z"), "price", 1, "BTC"));
            assertThat(store.health().details().get("memoryLimit")).isNotBlank();
        }
    }
}
