package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The table of write ids stays bounded: ids older than {@code write-id-retention} are forgotten (a retry after that
 * is a new write), younger ones survive optimize() and a reopen.
 */
class WriteIdRetentionTest {
    private static final List<MetricPoint> BATCH =
            List.of(MetricPoint.of(Instant.parse("2024-01-01T00:00:00Z"), "price", 1, "BTC"));

    @Test
    void idsYoungerThanTheRetentionSurviveOptimizeAndReopen(@TempDir Path dir) {
        String file = dir.resolve("m.duckdb").toString();
        WriteId id = WriteId.random();
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file))) {
            store.insertMetrics(BATCH, id);
            store.optimize();
        }
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file))) {
            store.insertMetrics(BATCH, id);
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
        }
    }

    @Test
    void idsOlderThanTheRetentionAreForgottenByOptimize(@TempDir Path dir) throws InterruptedException {
        DuckDbStoreConfig config = new DuckDbStoreConfig(dir.resolve("m.duckdb").toString(), 0, "", false, true,
                1_000_000, Duration.ofMillis(1));
        WriteId id = WriteId.random();
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(config)) {
            store.insertMetrics(BATCH, id);
            Thread.sleep(5);
            store.optimize();
            store.insertMetrics(BATCH, id);
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                    .as("the id was forgotten, so the same id wrote again").isEqualTo(2);
        }
    }

    @Test
    void theRetentionIsReadFromTheStoresBlockAndMustBePositive() {
        assertThat(DuckDbStoreConfig.from(ConfigFactory.parseMap(Map.of("path", ":memory:", "threads", 0,
                "memory-limit", "", "read-only", false, "migrate-on-start", true, "max-buckets", 10,
                "write-id-retention", "12h")))
                .writeIdRetention()).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> new DuckDbStoreConfig(":memory:", 0, "", false, true, 1_000_000, Duration.ZERO))
                .isInstanceOf(StoreConfigException.class)
                .hasMessage("metrics.store.duckdb.write-id-retention is PT0S; give a positive duration such as 1d");
    }
}
