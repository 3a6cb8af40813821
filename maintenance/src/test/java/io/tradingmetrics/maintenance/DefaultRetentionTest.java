package io.tradingmetrics.maintenance;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.RetentionReport;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.duckdb.DuckDbMetricsStore;
import io.tradingmetrics.storage.duckdb.DuckDbStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MetricsStore's default retention (for stores that do not override it), on deleteRange of a real DuckDB file:
 * the same decisions as the SQL stores' own, deleted table by table.
 */
class DefaultRetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
    private static final RetentionPolicy POLICY = RetentionPolicy.keepForever()
            .keeping(StoreTable.TRADING_METRICS, Duration.ofDays(2));

    @TempDir
    Path dir;

    @Test
    void theDefaultDecidesAsTheStoreDoesAndDeletesExactlyTheOlderRows() {
        try (MetricsStore real = DuckDbMetricsStore.open(DuckDbStoreConfig.of(dir.resolve("d.duckdb").toString()))) {
            List<MetricPoint> points = new ArrayList<>();
            for (Instant t = NOW.minus(Duration.ofDays(3)); t.isBefore(NOW); t = t.plusSeconds(60)) {
                points.add(MetricPoint.of(t, "price", 1.0, "AAPL"));
            }
            real.insertMetrics(points);
            MetricsStore defaults = new ForwardingStore(real, () -> { }, true);

            RetentionReport plan = defaults.planRetention(POLICY, NOW);
            assertThat(plan.tables()).isEqualTo(real.planRetention(POLICY, NOW).tables());
            assertThat(plan.rowsRemoved()).isEqualTo(24 * 60);
            assertThat(defaults.applyRetention(POLICY, NOW.plus(Duration.ofDays(3650))).refused())
                    .as("a clock far ahead").isTrue();
            assertThat(real.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(3 * 24 * 60);

            RetentionReport applied = defaults.applyRetention(POLICY, NOW);

            assertThat(applied.refusal()).isEmpty();
            assertThat(applied.rowsRemoved(StoreTable.TRADING_METRICS)).isEqualTo(24 * 60);
            assertThat(real.count(StoreTable.TRADING_METRICS, TimeRange.of(TimeRange.all().from(),
                    NOW.minus(Duration.ofDays(2))))).isZero();
            assertThat(real.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(2 * 24 * 60);
        }
    }
}
