package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backfill boundary is exact with late data: writes before the boundary that race the backfill's copy end
 * neither doubled (a late point copied and mirrored) nor stale (a candle upserted after the copy read it).
 */
class LateDataTest {
    @TempDir
    Path folder;

    @Test
    void lateWritesBeforeAndAfterTheBackfillReadsThePrimaryEndExact() {
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("p.duckdb")),
                DualStores.duckdb(folder.resolve("s.duckdb")), folder.resolve("outbox")));
        try (MetricsStore history = config.primary().open(OpenMode.MIGRATE)) {
            history.insertMetrics(Rows.points(0, 1000));
            history.upsertCandles(List.of(Rows.candle(0, 10), Rows.candle(1, 11), Rows.candle(2, 12)));
        }
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            DualStatus start = dual.status();
            Instant boundary = start.tables().get(StoreTable.TRADING_METRICS.ordinal()).boundary();
            assertThat(boundary).isEqualTo(Rows.T0.plusMillis(999).plusNanos(1000));
            assertThat(start.needsBackfill()).isTrue();
            // A late point and a late candle upsert mirrored before the backfill starts.
            dual.insertMetrics(List.of(MetricPoint.of(Rows.T0.plusMillis(5), "late", 1, "ETH-USD")));
            dual.upsertCandles(List.of(Rows.candle(1, 21)));
            dual.insertMetrics(Rows.points(1000, 100)); // on time: after the boundary
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();

            try (SecondaryHold hold = SecondaryHold.acquire(config.outboxDirectory(), "backfill",
                    Duration.ofSeconds(30));
                 MetricsStore secondary = config.secondary().open(OpenMode.CONFIGURED)) {
                for (StoreTable table : StoreTable.values()) {
                    secondary.deleteRange(table, TimeRange.of(TimeRange.all().from(), dual.status().tables()
                            .get(table.ordinal()).boundary()));
                }
                // The copy reads the primary ...
                List<MetricPoint> points;
                try (Stream<MetricPoint> read = dual.primary().streamMetrics(TimeRange.of(TimeRange.all().from(),
                        boundary))) {
                    points = read.toList();
                }
                List<Candle> candles;
                try (Stream<Candle> read = dual.primary().streamCandles(TimeRange.of(TimeRange.all().from(),
                        dual.status().tables().get(StoreTable.CANDLES.ordinal()).boundary()))) {
                    candles = read.toList();
                }
                // ... the app writes late data into the copied range meanwhile ...
                dual.insertMetrics(List.of(MetricPoint.of(Rows.T0.plusMillis(7), "late", 2, "ETH-USD"),
                        MetricPoint.of(Rows.T0.plusMillis(1050), "on-time", 3, "ETH-USD")));
                dual.upsertCandles(List.of(Rows.candle(2, 32)));
                dual.deleteRange(StoreTable.TRADING_METRICS, TimeRange.of(Rows.T0.plusMillis(900),
                        Rows.T0.plusMillis(910)));
                // ... and the copy writes what it read: the new late point is missing, the candle is stale.
                secondary.insertMetrics(points);
                secondary.upsertCandles(candles);
                DualState.recordBackfilled(config.outboxDirectory(), dual.status().epoch());
            }
            assertThat(dual.status().needsBackfill()).isFalse();
            DualStores.assertMirrored(dual);
            assertThat(dual.secondaryForTests().candles(io.tradingmetrics.storage.api.CandleQuery.of(TimeRange.all())))
                    .extracting(Candle::close).containsExactly(10.0, 21.0, 32.0);
        }
    }
}
