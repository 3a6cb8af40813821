package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Values written through binary COPY come back exactly, on every server configuration. */
class RoundTripTest {
    private static final String AWKWARD = "back\\slash\ttab\nnewline \"quote\" 'apostrophe' ünïcødé 价格 🚀 \\N";

    @ParameterizedTest
    @EnumSource(StoreTarget.class)
    void metricPointsComeBackBitForBit(StoreTarget target) throws Exception {
        List<MetricPoint> points = List.of(
                new MetricPoint(Instant.parse("2024-03-15T10:00:00.123456Z"), AWKWARD, Double.NaN,
                        Optional.of(AWKWARD), Map.of(AWKWARD, AWKWARD, "venue", "binance", "empty", "")),
                new MetricPoint(Instant.parse("2024-03-15T10:00:00.000001Z"), "m", Double.POSITIVE_INFINITY,
                        Optional.empty(), Map.of()),
                MetricPoint.of(Instant.parse("2024-03-15T10:00:00.999999Z"), "m", Double.NEGATIVE_INFINITY),
                MetricPoint.of(Instant.parse("1969-12-31T23:59:59.999999Z"), "m", -0.0),
                MetricPoint.of(Timestamps.MIN, "m", Double.MIN_VALUE),
                MetricPoint.of(Timestamps.MAX.minusNanos(1_000), "m", Double.MAX_VALUE),
                MetricPoint.of(Instant.parse("2024-03-15T10:00:00.5Z"), "m", 0.1 + 0.2, "sym", Map.of("k", "v")));

        try (TestServer server = target.server(); var store = target.open(server)) {
            assertThat(store.insertMetrics(points)).isEqualTo(points.size());

            List<MetricPoint> back;
            try (Stream<MetricPoint> stream = store.streamMetrics(TimeRange.all())) {
                back = stream.toList();
            }
            assertThat(back).containsExactlyInAnyOrderElementsOf(points);
            MetricPoint negativeZero = back.stream().filter(p -> p.timestamp().getEpochSecond() == -1).findFirst()
                    .orElseThrow();
            assertThat(Double.doubleToRawLongBits(negativeZero.value())).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(store.queryMetrics(MetricQuery.of(AWKWARD, TimeRange.all()).withSymbol(AWKWARD)
                    .withLabels(Map.of(AWKWARD, AWKWARD)))).containsExactly(points.get(0));
            // What another client sees: the server parsed the same values (NaN and the labels as JSONB).
            try (Connection admin = server.admin(); Statement statement = admin.createStatement();
                 ResultSet row = statement.executeQuery("SELECT value::text, labels ->> 'venue', labels ? 'empty',"
                         + " jsonb_typeof(labels) FROM trading_metrics WHERE symbol IS NOT NULL AND value = 'NaN'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("NaN");
                assertThat(row.getString(2)).isEqualTo("binance");
                assertThat(row.getBoolean(3)).isTrue();
                assertThat(row.getString(4)).isEqualTo("object");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.class)
    void upsertsReplaceByKeyAndTheLastOfABatchWins(StoreTarget target) throws Exception {
        Instant t = Instant.parse("2024-01-01T00:00:00.000001Z");
        try (TestServer server = target.server(); var store = target.open(server)) {
            store.upsertCandles(List.of(new Candle(t, AWKWARD, 1, 2, 0.5, 1.5, 10),
                    new Candle(t, "ETH", 1, 1, 1, 1, 1)));
            long written = store.upsertCandles(List.of(new Candle(t, AWKWARD, 9, 9, 9, 9, Long.MAX_VALUE),
                    new Candle(t.plusSeconds(60), AWKWARD, -0.0, 3, -1, Double.NaN, 0),
                    new Candle(t, AWKWARD, 2, 4, 1, 3, 7)));

            assertThat(written).isEqualTo(2);
            assertThat(store.candles(CandleQuery.of(TimeRange.all()))).containsExactly(
                    new Candle(t, "ETH", 1, 1, 1, 1, 1),
                    new Candle(t, AWKWARD, 2, 4, 1, 3, 7),
                    new Candle(t.plusSeconds(60), AWKWARD, -0.0, 3, -1, Double.NaN, 0));

            PerformanceSnapshot full = PerformanceSnapshot.of(t, 1e6, -12.5, 1.2, -0.12, 0.55, Integer.MAX_VALUE);
            PerformanceSnapshot sparse = new PerformanceSnapshot(t.plusSeconds(1), 1e6 + 1, 0, OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.of(Double.NaN), OptionalInt.empty());
            store.upsertPerformance(List.of(PerformanceSnapshot.of(t, 1, 1, 1, 1, 1, 1), sparse));
            assertThat(store.upsertPerformance(List.of(full))).isEqualTo(1);

            assertThat(store.performanceHistory(TimeRange.all())).containsExactly(full, sparse);
            assertThat(store.count(StoreTable.PERFORMANCE_HISTORY, TimeRange.all())).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.class)
    void aSchemaNameThatNeedsQuotingWorksEverywhere(StoreTarget target) throws Exception {
        String schema = "Odd \"Schema\" " + Long.toHexString(System.nanoTime());
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        try (TestServer server = target.server()) {
            try (var store = TimescaleMetricsStore.open(TimescaleSettings.from(server.storeConfig(
                    "schema", schema, "timescaledb", target == StoreTarget.TIMESCALE_SERVER_MODE_OFF ? "off" : "auto")))) {
                store.insertMetrics(List.of(MetricPoint.of(t, "price", 1, "BTC"), MetricPoint.of(t.plusSeconds(86_400 * 3), "price", 2, "BTC")));
                store.upsertCandle(new Candle(t, "BTC", 1, 1, 1, 1, 1));
                store.optimize();

                assertThat(store.stats()).allSatisfy(stats -> assertThat(stats.bytesOnDisk()).isPresent());
                assertThat(store.deleteOlderThan(t.plusSeconds(86_400 * 2))).containsEntry(StoreTable.TRADING_METRICS, 1L)
                        .containsEntry(StoreTable.CANDLES, 1L);
                assertThat(store.queryMetrics(MetricQuery.of("price", TimeRange.all()))).hasSize(1);
                assertThat(store.schemaInfo().isUpToDate()).isTrue();
            } finally {
                server.execute("DROP SCHEMA IF EXISTS " + SqlNames.quote(schema) + " CASCADE");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreTarget.class)
    void largeBatchesSpanSeveralCopyBuffersAndStreamBack(StoreTarget target) throws Exception {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        List<MetricPoint> points = new ArrayList<>();
        Map<String, String> labels = Map.of("venue", "binance", "strategy", "mean-reversion");
        for (int i = 0; i < 60_000; i++) {
            points.add(MetricPoint.of(start.plusMillis(i * 1_500L), "latency_" + (i % 7), i * 0.25,
                    "SYM" + (i % 13), i % 2 == 0 ? labels : Map.of("i", Integer.toString(i))));
        }
        try (TestServer server = target.server(); var store = target.open(server)) {
            store.insertMetrics(points);

            try (Stream<MetricPoint> stream = store.streamMetrics(TimeRange.all())) {
                assertThat(stream.toList()).isEqualTo(points);
            }
        }
    }
}
