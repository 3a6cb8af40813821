package io.tradingmetrics.storage.dual;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: dual configurations over real stores, and a row-by-row comparison of two stores. */
final class DualStores {
    private DualStores() {}

    /** @return a store block { type = duckdb, duckdb { path = file } } */
    static Map<String, Object> duckdb(Path file) {
        return Map.of("type", "duckdb", "duckdb", Map.of("path", file.toString()));
    }

    /** @return a store block { type = timescale, timescale { url, schema } } */
    static Map<String, Object> timescale(Map<String, Object> settings) {
        return Map.of("type", "timescale", "timescale", settings);
    }

    static Config dualBlock(Map<String, Object> primary, Map<String, Object> secondary, Path outbox,
                            Object... extra) {
        Map<String, Object> block = new HashMap<>();
        block.put("primary", primary);
        block.put("secondary", secondary);
        block.put("outbox.directory", outbox.toString());
        block.put("replay.initial-backoff", "20ms");
        block.put("replay.max-backoff", "200ms");
        for (int i = 0; i < extra.length; i += 2) {
            block.put((String) extra[i], extra[i + 1]);
        }
        return ConfigFactory.parseMap(block);
    }

    static DualStoreConfig config(Config block) {
        return DualStoreConfig.from(block, DualStores.class.getClassLoader());
    }

    static DualMetricsStore open(Config block) {
        return DualMetricsStore.open(config(block), OpenMode.CONFIGURED);
    }

    /** Asserts that the two stores hold the same rows, table by table (points as a multiset). */
    static void assertEqualStores(MetricsStore primary, MetricsStore secondary) {
        for (StoreTable table : StoreTable.values()) {
            assertThat(rows(secondary, table)).as("%s on the secondary", table.tableName())
                    .isEqualTo(rows(primary, table));
        }
    }

    static List<String> rows(MetricsStore store, StoreTable table) {
        TimeRange all = TimeRange.all();
        Stream<?> rows = switch (table) {
            case TRADING_METRICS -> store.streamMetrics(all);
            case CANDLES -> store.streamCandles(all);
            case PERFORMANCE_HISTORY -> store.streamPerformance(all);
        };
        try (rows) {
            return rows.map(DualStores::text).sorted(Comparator.naturalOrder()).toList();
        }
    }

    private static String text(Object row) {
        if (row instanceof io.tradingmetrics.storage.api.MetricPoint p) {
            // labels as a sorted map, values by their bits: NaN and -0.0 compare as stored
            return p.timestamp() + " " + p.metricName() + " " + p.symbol() + " " + new java.util.TreeMap<>(p.labels())
                    + " " + Double.doubleToLongBits(p.value());
        }
        return row.toString();
    }

    /** Waits for the open dual store's secondary to catch up, then compares it with the primary, row by row. */
    static void assertMirrored(DualMetricsStore dual) {
        assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).as("caught up: %s", dual.status()).isTrue();
        assertEqualStores(dual.primary(), dual.secondaryForTests());
    }

    /** Opens the dual store again, waits for the secondary to catch up, closes it, and compares both stores. */
    static void assertMirrored(DualStoreConfig config) {
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).as("caught up: %s", dual.status()).isTrue();
        }
        try (MetricsStore primary = config.primary().open(OpenMode.READ_ONLY);
             MetricsStore secondary = config.secondary().open(OpenMode.READ_ONLY)) {
            assertEqualStores(primary, secondary);
        }
    }
}
