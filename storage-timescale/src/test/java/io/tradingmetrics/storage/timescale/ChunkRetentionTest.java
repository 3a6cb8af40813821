package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention on hypertables drops whole chunks and deletes only at the edges, counting every row it removes. */
class ChunkRetentionTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private static List<MetricPoint> tenDaysHourly() {
        List<MetricPoint> points = new ArrayList<>();
        for (int hour = 0; hour < 240; hour++) {
            points.add(MetricPoint.of(START.plus(Duration.ofHours(hour)), "price", hour, "BTC"));
            points.add(MetricPoint.of(START.plus(Duration.ofHours(hour)).plusSeconds(30), "cpu", hour));
        }
        return points;
    }

    private static long chunks(TestServer server, String table) throws Exception {
        try (Connection connection = server.admin(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM timescaledb_information.chunks"
                     + " WHERE hypertable_schema = '" + server.schema() + "' AND hypertable_name = '" + table + "'")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void retentionDropsWholeChunksAndDeletesTheEdge() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE);
             var store = TimescaleMetricsStore.open(server.settings("chunk-interval", "1d"))) {
            store.insertMetrics(tenDaysHourly());
            store.upsertCandles(List.of(new Candle(START, "BTC", 1, 1, 1, 1, 1),
                    new Candle(START.plus(Duration.ofDays(9)), "BTC", 1, 1, 1, 1, 1)));
            assertThat(chunks(server, "trading_metrics")).isEqualTo(10);

            // Cutoff at noon of day 4: days 0-3 are whole chunks, day 4 is cut in half.
            Map<StoreTable, Long> deleted = store.deleteOlderThan(START.plus(Duration.ofDays(4)).plus(Duration.ofHours(12)));

            assertThat(deleted).containsEntry(StoreTable.TRADING_METRICS, (4 * 24 + 12) * 2L)
                    .containsEntry(StoreTable.CANDLES, 1L).containsEntry(StoreTable.PERFORMANCE_HISTORY, 0L);
            assertThat(chunks(server, "trading_metrics")).as("four whole chunks dropped").isEqualTo(6);
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(480 - (4 * 24 + 12) * 2L);
            assertThat(store.stats().get(0).minTimestamp()).contains(START.plus(Duration.ofDays(4)).plus(Duration.ofHours(12)));
        }
    }

    @Test
    void aRangeInTheMiddleDropsTheChunksInsideIt() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE);
             var store = TimescaleMetricsStore.open(server.settings("chunk-interval", "1d"))) {
            store.insertMetrics(tenDaysHourly());
            TimeRange range = TimeRange.of(START.plus(Duration.ofHours(30)), START.plus(Duration.ofHours(30 + 72)));

            assertThat(store.deleteRange(StoreTable.TRADING_METRICS, range)).isEqualTo(72 * 2L);

            assertThat(chunks(server, "trading_metrics")).as("days 2 and 3 dropped, 1 and 4 cut").isEqualTo(8);
            assertThat(store.count(StoreTable.TRADING_METRICS, range)).isZero();
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(480 - 144);
            assertThat(store.deleteRange(StoreTable.TRADING_METRICS, range)).isZero();
        }
    }

    @Test
    void anAdoptedPlainTableOnATimescaleServerIsDeletedRowByRow() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE)) {
            try (var store = TimescaleMetricsStore.open(server.settings("timescaledb", "off"))) {
                store.insertMetrics(tenDaysHourly());
            }
            try (var store = TimescaleMetricsStore.open(server.settings())) {
                assertThat(store.usesTimescaleDb()).isTrue();
                assertThat(store.health().details()).containsEntry("hypertables", "");

                assertThat(store.deleteOlderThan(START.plus(Duration.ofDays(5))))
                        .containsEntry(StoreTable.TRADING_METRICS, 240L);
                assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(240);
            }
        }
    }
}
