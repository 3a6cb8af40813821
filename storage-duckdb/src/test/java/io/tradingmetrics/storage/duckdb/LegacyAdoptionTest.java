package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A DuckDB file exactly as the older Python system created it, opened by the store: adopted, nothing lost. */
class LegacyAdoptionTest {
    static final String LEGACY_DDL = """
            CREATE TABLE trading_metrics (timestamp TIMESTAMP NOT NULL, metric_name VARCHAR NOT NULL,
                value DOUBLE NOT NULL, symbol VARCHAR, labels JSON);
            CREATE TABLE candles (timestamp TIMESTAMP NOT NULL, symbol VARCHAR NOT NULL, open DOUBLE NOT NULL,
                high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL, volume BIGINT NOT NULL,
                PRIMARY KEY (timestamp, symbol));
            CREATE TABLE performance_history (timestamp TIMESTAMP NOT NULL PRIMARY KEY, portfolio_value DOUBLE NOT NULL,
                pnl DOUBLE NOT NULL, sharpe_ratio DOUBLE, max_drawdown DOUBLE, win_rate DOUBLE, total_trades INTEGER);
            CREATE INDEX idx_metrics_timestamp ON trading_metrics(timestamp);
            CREATE INDEX idx_metrics_name ON trading_metrics(metric_name);
            CREATE INDEX idx_metrics_symbol ON trading_metrics(symbol);
            CREATE INDEX idx_candles_symbol_time ON candles(symbol, timestamp);
            CREATE INDEX idx_performance_timestamp ON performance_history(timestamp);
            """;

    /** Naive timestamps as the older system wrote them (they mean UTC), and the instants they must become. */
    static final String[][] TIMES = {
            {"0001-01-01 00:00:00", "0001-01-01T00:00:00Z"},
            {"1500-03-01 12:34:56.123456", "1500-03-01T12:34:56.123456Z"},
            {"1969-12-31 23:59:59.999999", "1969-12-31T23:59:59.999999Z"},
            {"1970-01-01 00:00:00.000001", "1970-01-01T00:00:00.000001Z"},
            {"2024-03-31 02:30:00", "2024-03-31T02:30:00Z"},
            {"2025-06-15 13:45:10.5", "2025-06-15T13:45:10.500Z"},
            {"9999-12-31 23:59:59.999998", "9999-12-31T23:59:59.999998Z"}};
    static final double[] VALUES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, 0.1};

    @TempDir
    Path folder;

    @Test
    void adoptsTheOlderSystemsFileKeepingEveryValue() throws Exception {
        Path file = folder.resolve("legacy.duckdb");
        List<MetricPoint> expectedPoints = new ArrayList<>();
        List<Candle> expectedCandles = new ArrayList<>();
        List<PerformanceSnapshot> expectedSnapshots = new ArrayList<>();
        try (Connection legacy = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            execute(legacy, LEGACY_DDL);
            String[] labelTexts = {null, "{}", "{\"venue\":\"binance\"}",
                    "{\"level\": 5, \"ratio\": 0.25, \"ok\": true, \"none\": null, \"nested\": {\"a\": [1, \"x\"]}}",
                    "{\"q\\\"uote\": \"it's\", \"dot.key\": \"$v\", \"ünï\": \"😀\"}", "{\"venue\":\"kraken\"}", "{}"};
            List<Map<String, String>> labelMaps = List.of(Map.of(), Map.of(), Map.of("venue", "binance"),
                    Map.of("level", "5", "ratio", "0.25", "ok", "true", "none", "null", "nested", "{\"a\":[1,\"x\"]}"),
                    Map.of("q\"uote", "it's", "dot.key", "$v", "ünï", "😀"), Map.of("venue", "kraken"), Map.of());
            try (PreparedStatement metric = legacy.prepareStatement(
                    "INSERT INTO trading_metrics VALUES (CAST(? AS TIMESTAMP), ?, ?, ?, CAST(? AS JSON))");
                 PreparedStatement candle = legacy.prepareStatement(
                         "INSERT INTO candles VALUES (CAST(? AS TIMESTAMP), ?, ?, ?, ?, ?, ?)");
                 PreparedStatement snapshot = legacy.prepareStatement(
                         "INSERT INTO performance_history VALUES (CAST(? AS TIMESTAMP), ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < TIMES.length; i++) {
                    Instant instant = Instant.parse(TIMES[i][1]);
                    String symbol = i % 3 == 0 ? null : "SYM" + i;
                    metric.setString(1, TIMES[i][0]);
                    metric.setString(2, "metric 'ü'");
                    metric.setDouble(3, VALUES[i]);
                    metric.setString(4, symbol);
                    metric.setString(5, labelTexts[i]);
                    metric.executeUpdate();
                    expectedPoints.add(new MetricPoint(instant, "metric 'ü'", VALUES[i], Optional.ofNullable(symbol),
                            labelMaps.get(i)));

                    candle.setString(1, TIMES[i][0]);
                    candle.setString(2, "BTC");
                    candle.setDouble(3, VALUES[i]);
                    candle.setDouble(4, Double.POSITIVE_INFINITY);
                    candle.setDouble(5, Double.NEGATIVE_INFINITY);
                    candle.setDouble(6, -0.0);
                    candle.setLong(7, i == 0 ? Long.MAX_VALUE : i);
                    candle.executeUpdate();
                    expectedCandles.add(new Candle(instant, "BTC", VALUES[i], Double.POSITIVE_INFINITY,
                            Double.NEGATIVE_INFINITY, -0.0, i == 0 ? Long.MAX_VALUE : i));

                    boolean optionals = i % 2 == 0;
                    snapshot.setString(1, TIMES[i][0]);
                    snapshot.setDouble(2, VALUES[i]);
                    snapshot.setDouble(3, -VALUES[i]);
                    if (optionals) {
                        snapshot.setDouble(4, 1.5);
                        snapshot.setDouble(5, -0.0);
                        snapshot.setDouble(6, Double.NaN);
                        snapshot.setInt(7, Integer.MIN_VALUE);
                    } else {
                        for (int column = 4; column <= 7; column++) {
                            snapshot.setObject(column, null);
                        }
                    }
                    snapshot.executeUpdate();
                    expectedSnapshots.add(optionals
                            ? PerformanceSnapshot.of(instant, VALUES[i], -VALUES[i], 1.5, -0.0, Double.NaN, Integer.MIN_VALUE)
                            : new PerformanceSnapshot(instant, VALUES[i], -VALUES[i], OptionalDouble.empty(),
                            OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty()));
                }
            }
        }

        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            SchemaInfo schema = store.schemaInfo();
            assertThat(schema.currentVersion()).isEqualTo("7");
            assertThat(schema.history()).hasSize(7);
            assertThat(schema.history().get(0)).contains("Baseline");
            // The series catalogue was built from the adopted rows: the newest point of each series, whole.
            assertThat(store.latest(LatestQuery.all())).containsExactly(expectedPoints.get(6), expectedPoints.get(1),
                    expectedPoints.get(2), expectedPoints.get(4), expectedPoints.get(5));
            try (Stream<MetricPoint> points = store.streamMetrics(TimeRange.all())) {
                assertThat(points).containsExactlyElementsOf(expectedPoints);
            }
            assertThat(store.candles(CandleQuery.of(TimeRange.all()))).containsExactlyElementsOf(expectedCandles);
            assertThat(store.performanceHistory(TimeRange.all())).containsExactlyElementsOf(expectedSnapshots);
            // Non-string label values of the older system match their JSON text.
            assertThat(store.queryMetrics(MetricQuery.of("metric 'ü'", TimeRange.all())
                    .withLabels(Map.of("level", "5", "ok", "true")))).containsExactly(expectedPoints.get(3));
            assertThat(store.queryMetrics(MetricQuery.of("metric 'ü'", TimeRange.all())
                    .withLabels(Map.of("q\"uote", "it's", "dot.key", "$v")))).containsExactly(expectedPoints.get(4));
            // The adopted store takes new writes like any other.
            store.upsertCandle(new Candle(Instant.parse(TIMES[1][1]), "BTC", 7, 8, 6, 7, 1));
            assertThat(store.count(StoreTable.CANDLES, TimeRange.all())).isEqualTo(TIMES.length);
        }

        try (Connection check = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            assertThat(queryStrings(check, "SELECT data_type FROM information_schema.columns"
                    + " WHERE column_name = 'timestamp' AND table_name IN ('trading_metrics', 'candles', 'performance_history')"))
                    .containsOnly("TIMESTAMP WITH TIME ZONE").hasSize(3);
            assertThat(queryStrings(check, "SELECT index_name FROM duckdb_indexes()")).isEmpty();
            // V6 created the rollup tables and built no level: rollups are off by default.
            assertThat(queryStrings(check, "SELECT CAST(count(*) AS VARCHAR) FROM metric_rollup_levels UNION ALL"
                    + " SELECT CAST(count(*) AS VARCHAR) FROM metric_rollup_1m")).containsOnly("0");
            assertThat(queryStrings(check, "SELECT metric_name || '/' || symbol_key || '/' || CAST(timestamp AS VARCHAR)"
                    + " FROM series_catalogue ORDER BY symbol_key")).containsExactly(
                    "metric 'ü'//9999-12-31 23:59:59.999998+00", "metric 'ü'/=SYM1/1500-03-01 12:34:56.123456+00",
                    "metric 'ü'/=SYM2/1969-12-31 23:59:59.999999+00", "metric 'ü'/=SYM4/2024-03-31 02:30:00+00",
                    "metric 'ü'/=SYM5/2025-06-15 13:45:10.5+00");
        }
        try (DuckDbMetricsStore reopened = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            assertThat(reopened.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(TIMES.length);
            assertThat(reopened.schemaInfo().history()).hasSize(7);
        }
    }

    @Test
    void validateOnlyRefusesAFileNotYetAdoptedAndLeavesItUntouched() throws Exception {
        Path file = folder.resolve("legacy.duckdb");
        try (Connection legacy = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            execute(legacy, LEGACY_DDL);
            execute(legacy, "INSERT INTO trading_metrics VALUES ('2025-01-01 00:00:00', 'm', 1.0, NULL, NULL)");
        }
        DuckDbStoreConfig validateOnly = new DuckDbStoreConfig(file.toString(), 0, "", false, false);
        assertThatThrownBy(() -> DuckDbMetricsStore.open(validateOnly)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("older system").hasMessageContaining("migrate-on-start = true");
        DuckDbStoreConfig readOnly = new DuckDbStoreConfig(file.toString(), 0, "", true, true);
        assertThatThrownBy(() -> DuckDbMetricsStore.open(readOnly)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("not been adopted");
        try (Connection check = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            assertThat(queryStrings(check, "SELECT data_type FROM information_schema.columns"
                    + " WHERE column_name = 'timestamp' AND table_name = 'trading_metrics'")).containsExactly("TIMESTAMP");
            assertThat(queryStrings(check, "SELECT count(*) FROM trading_metrics")).containsExactly("1");
        }
        try (DuckDbMetricsStore adopted = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            assertThat(adopted.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
        }
        try (DuckDbMetricsStore checked = DuckDbMetricsStore.open(validateOnly)) {
            assertThat(checked.schemaInfo().isUpToDate()).isTrue();
        }
    }

    @Test
    void aFailingUpgradeIsRolledBackWholeAndSucceedsOnceTheCauseIsRemoved() throws Exception {
        Path file = folder.resolve("blocked.duckdb");
        try (Connection legacy = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            execute(legacy, LEGACY_DDL);
            execute(legacy, "INSERT INTO trading_metrics VALUES ('2025-01-01 00:00:00', 'm', 1.0, 'S', '{\"k\": 1}')");
            execute(legacy, "INSERT INTO candles VALUES ('2025-01-01 00:00:00', 'S', 1, 2, 0.5, 1.5, 7)");
            // A table in the way of the upgrade's rebuild of candles makes script 2 fail half-way.
            execute(legacy, "CREATE TABLE candles_v2 (x INTEGER)");
        }
        assertThatThrownBy(() -> DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString())))
                .isInstanceOf(SchemaException.class).hasMessageContaining("candles_v2")
                .hasMessageContaining("rolled back");
        try (Connection check = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            // trading_metrics was rebuilt before the failure: the rollback restored the original.
            assertThat(queryStrings(check, "SELECT data_type FROM information_schema.columns"
                    + " WHERE column_name = 'timestamp' AND table_name = 'trading_metrics'")).containsExactly("TIMESTAMP");
            assertThat(queryStrings(check, "SELECT CAST(timestamp AS VARCHAR) || ' ' || labels FROM trading_metrics"))
                    .containsExactly("2025-01-01 00:00:00 {\"k\": 1}");
            assertThat(queryStrings(check, "SELECT index_name FROM duckdb_indexes() ORDER BY 1")).contains(
                    "idx_metrics_timestamp", "idx_candles_symbol_time");
            execute(check, "DROP TABLE candles_v2");
        }
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString()))) {
            assertThat(store.schemaInfo().currentVersion()).isEqualTo("7");
            assertThat(store.queryMetrics(MetricQuery.of("m", TimeRange.all()))).containsExactly(
                    MetricPoint.of(Instant.parse("2025-01-01T00:00:00Z"), "m", 1.0, "S", Map.of("k", "1")));
            assertThat(store.candles(CandleQuery.of(TimeRange.all()))).containsExactly(
                    new Candle(Instant.parse("2025-01-01T00:00:00Z"), "S", 1, 2, 0.5, 1.5, 7));
        }
    }

    @Test
    void refusesAFileHoldingOnlySomeOfTheTables() throws Exception {
        Path file = folder.resolve("partial.duckdb");
        try (Connection partial = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            execute(partial, "CREATE TABLE trading_metrics (timestamp TIMESTAMP, metric_name VARCHAR, value DOUBLE)");
        }
        assertThatThrownBy(() -> DuckDbMetricsStore.open(DuckDbStoreConfig.of(file.toString())))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("[trading_metrics]").hasMessageContaining("[candles, performance_history]");
    }

    @Test
    void validateOnlyRefusesAnEmptyFile() throws SQLException {
        Path empty = folder.resolve("empty.duckdb");
        DriverManager.getConnection("jdbc:duckdb:" + empty).close();
        DuckDbStoreConfig validateOnly = new DuckDbStoreConfig(empty.toString(), 0, "", false, false);
        assertThatThrownBy(() -> DuckDbMetricsStore.open(validateOnly)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("has no schema");
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static List<String> queryStrings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
