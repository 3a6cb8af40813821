package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sampled reads are compared with the secondary, and a difference is counted. */
class ShadowReadsTest {
    @TempDir
    Path folder;

    @Test
    void aRowOnlyTheSecondaryHoldsIsCountedAsADifference() {
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("p.duckdb")),
                DualStores.duckdb(folder.resolve("s.duckdb")), folder.resolve("outbox"),
                "shadow-reads.sample-rate", 1.0));
        MetricQuery query = MetricQuery.of("price", TimeRange.all());
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            dual.insertMetrics(Rows.points(0, 100));
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(dual.queryMetrics(query)).hasSize(100);
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue(); // drains the comparisons too
            assertThat(dual.status().shadowReads()).isEqualTo(1);
            assertThat(dual.status().shadowDifferences()).isZero();

            try (SecondaryHold hold = SecondaryHold.acquire(config.outboxDirectory(), "test", Duration.ofSeconds(30));
                 MetricsStore secondary = config.secondary().open(OpenMode.CONFIGURED)) {
                secondary.insertMetrics(List.of(MetricPoint.of(Rows.T0.plusSeconds(1), "price", 1.0, "ETH-USD")));
            }
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(dual.queryMetrics(query)).hasSize(100);
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(dual.status().shadowReads()).isEqualTo(2);
            assertThat(dual.status().shadowDifferences()).isEqualTo(1);
            assertThat(dual.health().details()).containsEntry("shadow-differences", "1");
        }
    }
}
