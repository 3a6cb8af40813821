package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.jdbc.JdbcMetricsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rollup level too sparse for its series (a 1-minute level of a point every 4 minutes: a row per point) is left
 * behind by the refresh, also after a reopen, while the denser level moves on; once the newest points are dense the
 * level wakes and catches up; the answers are the raw points' throughout.
 */
class DormantRollupLevelTest {
    private static final Instant BASE = Instant.parse("2024-03-04T00:00:00Z");
    private static final List<AggregationQuery> QUERIES =
            RawAnswers.bySymbol(List.of(Interval.MINUTE_1, Interval.HOUR_1));
    private static final int SPARSE_SYMBOLS = 1_200;

    @TempDir
    Path folder;

    @Test
    void aSparseLevelRestsUntilItsPointsAreDenseAndAnswersStayExact() {
        Path file = folder.resolve("dormant.duckdb");
        Instant built;
        try (MetricsStore store = open(file)) {
            built = watermark(store, Interval.MINUTE_1);
            store.insertMetrics(sparse(0, 2));
            store.optimize();
            assertThat(watermark(store, Interval.MINUTE_1)).as("counted a row per point, so summed up none")
                    .isEqualTo(built);
            assertThat(watermark(store, Interval.HOUR_1)).isEqualTo(BASE.plus(Duration.ofHours(1)));
            assertThat(((JdbcMetricsStore) store).dormantRollupLevels()).containsExactly(Interval.MINUTE_1);

            store.insertMetrics(sparse(2, 3));
            store.optimize();
            assertThat(watermark(store, Interval.MINUTE_1)).as("left behind").isEqualTo(built);
            assertThat(watermark(store, Interval.HOUR_1)).isEqualTo(BASE.plus(Duration.ofHours(2)));
        }
        try (MetricsStore store = open(file)) {
            store.insertMetrics(sparse(3, 4));
            store.optimize();
            assertThat(watermark(store, Interval.MINUTE_1)).as("left behind after a reopen, judged by its counts")
                    .isEqualTo(built);
            assertThat(watermark(store, Interval.HOUR_1)).isEqualTo(BASE.plus(Duration.ofHours(3)));

            store.insertMetrics(dense(240, 250));
            store.optimize(); // probes the newest minutes: dense, the level wakes for the next refresh
            store.optimize();
            assertThat(watermark(store, Interval.MINUTE_1)).as("caught up once its newest points are dense")
                    .isEqualTo(BASE.plus(Duration.ofMinutes(249)));
            assertThat(((JdbcMetricsStore) store).dormantRollupLevels()).isEmpty();
        }
        try (MetricsStore store = open(file)) {
            store.insertMetrics(dense(250, 260));
            store.optimize();
            assertThat(watermark(store, Interval.MINUTE_1)).as("refreshed after a reopen: judged by its dense points")
                    .isEqualTo(BASE.plus(Duration.ofMinutes(259)));
        }

        List<List<AggregatedBucket>> fromRollups = new ArrayList<>();
        try (MetricsStore store = open(file)) {
            QUERIES.forEach(query -> fromRollups.add(store.aggregate(query)));
        }
        RawAnswers.assertSameAsRaw(file, QUERIES, fromRollups);
    }

    private MetricsStore open(Path file) {
        // No background refresh within the test: optimize() refreshes.
        return new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", file.toString(),
                "rollups.enabled", true, "rollups.levels", List.of("1m", "1h"), "rollups.refresh-interval", "1h",
                "rollups.refresh-lag", "0s")));
    }

    private static Instant watermark(MetricsStore store, Interval level) {
        return ((JdbcMetricsStore) store).rollupWatermarks().get(level);
    }

    /** A point every 4 minutes of each of many symbols, in [fromHour, toHour): 15 points per hour, 1 per minute. */
    private static List<MetricPoint> sparse(int fromHour, int toHour) {
        List<MetricPoint> points = new ArrayList<>();
        for (int minute = fromHour * 60; minute < toHour * 60; minute += 4) {
            for (int symbol = 0; symbol < SPARSE_SYMBOLS; symbol++) {
                points.add(MetricPoint.of(BASE.plus(Duration.ofMinutes(minute)).plusMillis(symbol), "price",
                        symbol + minute, "S" + symbol));
            }
        }
        return points;
    }

    /** 20 points a minute of one symbol, in [fromMinute, toMinute). */
    private static List<MetricPoint> dense(int fromMinute, int toMinute) {
        List<MetricPoint> points = new ArrayList<>();
        for (int second = fromMinute * 60; second < toMinute * 60; second += 3) {
            points.add(MetricPoint.of(BASE.plusSeconds(second), "price", second % 97, "DENSE"));
        }
        return points;
    }
}
