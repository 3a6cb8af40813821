package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.RetentionGuards;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.RetentionReport;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableRetention;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import io.tradingmetrics.storage.jdbc.JdbcMetricsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rollup levels of a file follow the configuration of the store that writes it: a level added is built from the
 * points already stored, a level left out is emptied and no longer read, and a read-only open reads the built ones.
 */
class RollupLevelsTest {
    private static final Instant BASE = Instant.parse("2024-03-04T00:00:00Z");

    @TempDir
    Path folder;

    private MetricsStore open(Path file, Object... settings) {
        Map<String, Object> config = new HashMap<>();
        config.put("path", file.toString());
        config.put("rollups.enabled", true); // off by default
        for (int i = 0; i < settings.length; i += 2) {
            config.put((String) settings[i], settings[i + 1]);
        }
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(config));
    }

    private static List<MetricPoint> points() {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            points.add(MetricPoint.of(BASE.plusSeconds(i * 37L), "price", 100 + (i * 7919 % 1000) / 10.0,
                    i % 3 == 0 ? "AAPL" : "MSFT"));
        }
        return points;
    }

    private static List<AggregatedBucket> fourHourly(MetricsStore store, Aggregation aggregation) {
        return store.aggregate(AggregationQuery.of("price", TimeRange.all(), Interval.HOUR_4, aggregation)
                .groupedBySymbol());
    }

    @Test
    void levelsFollowTheWritingStoresConfiguration() throws Exception {
        Path file = folder.resolve("m.duckdb");
        List<AggregatedBucket> raw;
        try (MetricsStore store = open(file, "rollups.enabled", false)) {
            store.insertMetrics(points());
            raw = fourHourly(store, Aggregation.MAX);
            assertThat(((JdbcMetricsStore) store).rollupLevels()).isEmpty();
        }
        assertThat(rows(file, "metric_rollup_1h")).as("nothing kept while rollups are off").isZero();

        try (MetricsStore store = open(file, "rollups.levels", List.of("4h", "1m"))) {
            assertThat(((JdbcMetricsStore) store).rollupLevels()).containsExactly(Interval.MINUTE_1, Interval.HOUR_4);
            assertThat(fourHourly(store, Aggregation.MAX)).isEqualTo(raw);
        }
        assertThat(rows(file, "metric_rollup_4h")).as("built from the stored points").isPositive();
        assertThat(rows(file, "metric_rollup_1h")).isZero();
        assertThat(levels(file)).containsExactlyInAnyOrder("1m", "4h");

        try (MetricsStore store = open(file)) {
            assertThat(((JdbcMetricsStore) store).rollupLevels()).containsExactly(Interval.MINUTE_1, Interval.HOUR_1);
            store.insertMetrics(List.of(MetricPoint.of(BASE.plusSeconds(60), "price", 1e6, "AAPL")));
            assertThat(fourHourly(store, Aggregation.MAX).get(0).value()).hasValue(1e6);
        }
        assertThat(rows(file, "metric_rollup_4h")).as("a level left out is emptied").isZero();
        assertThat(levels(file)).containsExactlyInAnyOrder("1m", "1h");

        try (MetricsStore reader = new DuckDbMetricsStoreFactory().open(ConfigFactory.parseMap(
                Map.of("path", file.toString(), "rollups.enabled", true, "rollups.levels", List.of("1h", "4h"))),
                OpenMode.READ_ONLY)) {
            assertThat(((JdbcMetricsStore) reader).rollupLevels()).as("configured and built").containsExactly(
                    Interval.HOUR_1);
            assertThat(fourHourly(reader, Aggregation.MAX).get(0).value()).hasValue(1e6);
        }
    }

    @Test
    void theBackgroundRefreshSumsUpTheNewestPointsByItself() throws Exception {
        Path file = folder.resolve("refresh.duckdb");
        List<MetricPoint> points = points();
        Instant newest = points.get(points.size() - 1).timestamp();
        List<AggregatedBucket> raw;
        try (MetricsStore without = open(folder.resolve("raw.duckdb"), "rollups.enabled", false)) {
            without.insertMetrics(points);
            raw = fourHourly(without, Aggregation.AVG);
        }
        // min-points-per-row 0: the 1m level holds a row per point here, which would otherwise keep it dormant.
        try (MetricsStore store = open(file, "rollups.refresh-interval", "50ms", "rollups.refresh-lag", "0s",
                "rollups.min-points-per-row", 0)) {
            JdbcMetricsStore jdbc = (JdbcMetricsStore) store;
            assertThat(jdbc.rollupWatermarks()).as("an empty store has nothing refreshed")
                    .containsOnly(Map.entry(Interval.MINUTE_1, Timestamps.MIN), Map.entry(Interval.HOUR_1, Timestamps.MIN));
            store.insertMetrics(points);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!jdbc.rollupWatermarks().get(Interval.HOUR_1).equals(Interval.HOUR_1.bucketStart(newest))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(jdbc.rollupWatermarks()).as("refreshed up to the newest point, no call needed").containsOnly(
                    Map.entry(Interval.MINUTE_1, Interval.MINUTE_1.bucketStart(newest)),
                    Map.entry(Interval.HOUR_1, Interval.HOUR_1.bucketStart(newest)));
            assertThat(fourHourly(store, Aggregation.AVG)).hasSameSizeAs(raw);
        }
        assertThat(rows(file, "metric_rollup_1h")).as("one row per symbol and hour before the newest hour")
                .isEqualTo(2L * Duration.between(BASE, Interval.HOUR_1.bucketStart(newest)).toHours());
        try (MetricsStore reader = new DuckDbMetricsStoreFactory().open(ConfigFactory.parseMap(Map.of("path",
                file.toString(), "rollups.enabled", true)), OpenMode.READ_ONLY)) {
            assertThat(((JdbcMetricsStore) reader).rollupWatermarks()).as("a reader learns the watermarks")
                    .containsEntry(Interval.HOUR_1, Interval.HOUR_1.bucketStart(newest));
        }
    }

    @Test
    void retentionKeepsALevelKeptLongerThanThePointsAndRebuildsOneKeptAsLong() {
        Path file = folder.resolve("r.duckdb");
        try (MetricsStore store = open(file)) {
            store.insertMetrics(points());
            List<AggregatedBucket> hourlyBefore = store.aggregate(AggregationQuery.of("price", TimeRange.all(),
                    Interval.HOUR_1, Aggregation.COUNT));
            Instant cutoff = BASE.plusSeconds(5 * 3_600 + 1_800);
            Duration rawKeep = Duration.ofDays(1);
            RetentionPolicy policy = RetentionPolicy.keepForever().keeping(StoreTable.TRADING_METRICS, rawKeep);
            policy = new RetentionPolicy(policy.tables(), Map.of(Duration.ofMinutes(1), rawKeep),
                    RetentionGuards.NONE);
            RetentionReport report = store.applyRetention(policy, cutoff.plus(rawKeep));

            assertThat(report.tables()).extracting(TableRetention::table).contains("metric_rollup_1m",
                    "metric_rollup_1h");
            // 1h is kept forever: its buckets before the cutoff keep every point written, the one it cuts included.
            assertThat(store.aggregate(AggregationQuery.of("price", TimeRange.all(), Interval.HOUR_1,
                    Aggregation.COUNT))).isEqualTo(hourlyBefore);
            // 1m is kept as long as the points: rebuilt from what remains, as the raw points answer.
            List<AggregatedBucket> minutes = store.aggregate(AggregationQuery.of("price", TimeRange.all(),
                    Interval.MINUTE_5, Aggregation.COUNT));
            assertThat(minutes.stream().mapToLong(AggregatedBucket::sampleCount).sum())
                    .isEqualTo(store.count(StoreTable.TRADING_METRICS, TimeRange.all()));
            assertThat(minutes.get(0).bucketStart()).isEqualTo(cutoff);
        }
    }

    @Test
    void levelsAreCheckedStrictly() {
        Path file = folder.resolve("bad.duckdb");
        assertThatThrownBy(() -> open(file, "rollups.levels", List.of("1m", "2h")))
                .isInstanceOf(StoreConfigException.class)
                .hasMessageContaining("metrics.store.duckdb.rollups.levels holds '2h'")
                .hasMessageContaining("1m, 5m, 15m, 1h, 4h, 1d");
        assertThatThrownBy(() -> open(file, "rollups.levels", List.of("1h", "1h")))
                .isInstanceOf(StoreConfigException.class).hasMessageContaining("1h twice");
        assertThatThrownBy(() -> open(file, "rollups.levels", List.of()))
                .isInstanceOf(StoreConfigException.class).hasMessageContaining("enabled = false");
        assertThat(file).doesNotExist();
    }

    private static long rows(Path file, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file + ";access_mode=READ_ONLY");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> levels(Path file) throws Exception {
        List<String> levels = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file + ";access_mode=READ_ONLY");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT level FROM metric_rollup_levels")) {
            while (rows.next()) {
                levels.add(rows.getString(1));
            }
        }
        return levels;
    }
}
