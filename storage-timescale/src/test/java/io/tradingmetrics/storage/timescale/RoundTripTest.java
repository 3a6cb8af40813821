package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Values written through binary COPY come back exactly, on every server configuration. */
class RoundTripTest {
    private static final String AWKWARD = "back\\slash\ttab\nnewline \"quote\" 'apostrophe' ünïcødé 价格 🚀 \\N";

    /** What another client of the server sees: binary COPY gave the server the values it parses from text. */
    @ParameterizedTest
    @EnumSource(StoreTarget.class)
    void anotherClientSeesTheValuesAsPostgresTypes(StoreTarget target) throws Exception {
        MetricPoint awkward = new MetricPoint(Instant.parse("2024-03-15T10:00:00.123456Z"), AWKWARD, Double.NaN,
                Optional.of(AWKWARD), Map.of(AWKWARD, AWKWARD, "venue", "binance", "empty", ""));
        try (TestServer server = target.server(); var store = target.open(server)) {
            assertThat(store.insertMetrics(List.of(awkward, MetricPoint.of(awkward.timestamp(), "m", 1)))).isEqualTo(2);

            try (Connection admin = server.admin(); Statement statement = admin.createStatement();
                 ResultSet row = statement.executeQuery("SELECT value::text, labels ->> 'venue', labels ? 'empty',"
                         + " jsonb_typeof(labels), metric_name = symbol FROM trading_metrics WHERE value = 'NaN'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("NaN");
                assertThat(row.getString(2)).isEqualTo("binance");
                assertThat(row.getBoolean(3)).isTrue();
                assertThat(row.getString(4)).isEqualTo("object");
                assertThat(row.getBoolean(5)).as("the awkward text arrived unchanged in both columns").isTrue();
                assertThat(row.next()).isFalse();
            }
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
