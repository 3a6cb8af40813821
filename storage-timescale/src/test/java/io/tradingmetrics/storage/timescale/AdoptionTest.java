package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database created by the older Python system (no Flyway history) is adopted: baselined at version 1, upgraded,
 * and every stored value is still there, unchanged, whether its trading_metrics is a hypertable or a plain table.
 */
class AdoptionTest {
    /** The older system's DDL, verbatim. */
    static final String[] LEGACY_DDL = {
            "CREATE TABLE trading_metrics (timestamp TIMESTAMPTZ NOT NULL, metric_name TEXT NOT NULL,"
                    + " value DOUBLE PRECISION NOT NULL, symbol TEXT, labels JSONB)",
            "CREATE TABLE candles (timestamp TIMESTAMPTZ NOT NULL, symbol TEXT NOT NULL, open DOUBLE PRECISION NOT NULL,"
                    + " high DOUBLE PRECISION NOT NULL, low DOUBLE PRECISION NOT NULL, close DOUBLE PRECISION NOT NULL,"
                    + " volume BIGINT NOT NULL, PRIMARY KEY (timestamp, symbol))",
            "CREATE TABLE performance_history (timestamp TIMESTAMPTZ NOT NULL PRIMARY KEY,"
                    + " portfolio_value DOUBLE PRECISION NOT NULL, pnl DOUBLE PRECISION NOT NULL,"
                    + " sharpe_ratio DOUBLE PRECISION, max_drawdown DOUBLE PRECISION, win_rate DOUBLE PRECISION,"
                    + " total_trades INTEGER)"};
    /** Rows as the older system wrote them: NULL labels, numeric label values, odd doubles, microseconds. */
    static final String[] LEGACY_ROWS = {
            "INSERT INTO trading_metrics VALUES"
                    + " ('2024-01-01 00:00:00.123456+00', 'price', 42000.5, 'BTC', '{\"venue\": \"binance\", \"tier\": 2}'),"
                    + " ('2024-01-01 00:00:01+00', 'price', 'NaN', 'BTC', NULL),"
                    + " ('2024-01-02 12:00:00+00', 'cpu', '-Infinity', NULL, '{}'),"
                    + " ('2024-01-03 00:00:00+05:30', 'latency_ms', 0.1, 'ETH', '{\"k\": \"tab\\there\"}')",
            "INSERT INTO candles VALUES ('2024-01-01 00:00:00+00', 'BTC', 1, 2, 0.5, 1.5, 9007199254740993),"
                    + " ('2024-01-01 00:01:00+00', 'BTC', 1.5, 1.5, 1.5, 1.5, 0)",
            "INSERT INTO performance_history VALUES ('2024-01-01 00:00:00+00', 100000, 0, NULL, NULL, NULL, NULL),"
                    + " ('2024-01-02 00:00:00+00', 101000.25, 1000.25, 1.5, -0.02, 0.55, 12)"};

    private static List<String> dump(TestServer server) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = server.admin(); Statement statement = connection.createStatement()) {
            for (String sql : List.of(
                    "SELECT timestamp::text, metric_name, value::text, symbol, labels::text FROM trading_metrics",
                    "SELECT timestamp::text, symbol, open::text, high::text, low::text, close::text, volume::text FROM candles",
                    "SELECT timestamp::text, portfolio_value::text, pnl::text, sharpe_ratio::text, max_drawdown::text,"
                            + " win_rate::text, total_trades::text FROM performance_history")) {
                try (ResultSet row = statement.executeQuery(sql + " ORDER BY 1, 2")) {
                    while (row.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                            line.append(row.getString(i)).append('|');
                        }
                        rows.add(line.toString());
                    }
                }
            }
        }
        return rows;
    }

    static void createLegacy(TestServer server, boolean hypertable) throws Exception {
        server.execute("CREATE SCHEMA " + server.schema());
        server.execute(LEGACY_DDL);
        if (hypertable) {
            server.execute("SELECT public.create_hypertable('" + server.schema() + ".trading_metrics', 'timestamp')");
        }
        server.execute(LEGACY_ROWS);
    }

    private static void assertAdopted(TestServer server, String mode, boolean hypertable) throws Exception {
        createLegacy(server, hypertable);
        List<String> before = dump(server);
        assertThat(before).hasSize(8);

        try (TimescaleMetricsStore store = TimescaleMetricsStore.open(server.settings("timescaledb", mode))) {
            assertThat(dump(server)).as("adoption changes no stored value").isEqualTo(before);
            SchemaInfo info = store.schemaInfo();
            assertThat(info.isUpToDate()).isTrue();
            assertThat(info.currentVersion()).isEqualTo("8");
            assertThat(info.history()).anySatisfy(line -> assertThat(line).startsWith("1 adopted schema of the older system"));

            assertThat(store.queryMetrics(MetricQuery.of("price", TimeRange.all()))).extracting(MetricPoint::labels)
                    .containsExactly(Map.of(), Map.of("venue", "binance", "tier", "2"));
            assertThat(store.queryMetrics(MetricQuery.of("price", TimeRange.all()).withLabels(Map.of("tier", "2"))))
                    .hasSize(1);
            assertThat(store.latest(LatestQuery.all())).extracting(MetricPoint::metricName, MetricPoint::symbol)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("cpu", Optional.empty()),
                            org.assertj.core.groups.Tuple.tuple("latency_ms", Optional.of("ETH")),
                            org.assertj.core.groups.Tuple.tuple("price", Optional.of("BTC")));
            assertThat(store.candles(CandleQuery.of(TimeRange.all()))).first()
                    .isEqualTo(new Candle(Instant.parse("2024-01-01T00:00:00Z"), "BTC", 1, 2, 0.5, 1.5,
                            9007199254740993L));
            assertThat(store.performanceHistory(TimeRange.all())).hasSize(2);
            // Rollups are off by default: V6 built no level, and an hourly count reads the adopted points.
            assertThat(store.rollupLevels()).isEmpty();
            assertThat(store.aggregate(AggregationQuery.of("price", TimeRange.all(), Interval.HOUR_1,
                    Aggregation.COUNT)).stream().mapToLong(AggregatedBucket::sampleCount).sum()).isEqualTo(2);

            // The adopted database takes new writes, and a candle upsert replaces the legacy row.
            store.insertMetric(MetricPoint.of(Instant.parse("2024-01-04T00:00:00Z"), "price", 1, "BTC"));
            store.upsertCandle(new Candle(Instant.parse("2024-01-01T00:01:00Z"), "BTC", 2, 2, 2, 2, 5));
            store.upsertPerformance(PerformanceSnapshot.of(Instant.parse("2024-01-02T00:00:00Z"), 1, 1, 1, 1, 1, 1));
            assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(5);
            assertThat(catalogue(server)).as("the series catalogue, built by V5 and kept by the write").containsExactly(
                    "cpu||2024-01-02 12:00:00+00|-Infinity|{}",
                    "latency_ms|=ETH|2024-01-02 18:30:00+00|0.1|{\"k\": \"tab\\there\"}",
                    "price|=BTC|2024-01-04 00:00:00+00|1|{}");
            assertThat(store.latest(LatestQuery.of("price"))).containsExactly(
                    MetricPoint.of(Instant.parse("2024-01-04T00:00:00Z"), "price", 1, "BTC"));
            assertThat(store.count(StoreTable.CANDLES, TimeRange.all())).isEqualTo(2);
            assertThat(store.count(StoreTable.PERFORMANCE_HISTORY, TimeRange.all())).isEqualTo(2);
            assertThat(isHypertable(server, "trading_metrics")).as("the table keeps its form").isEqualTo(hypertable);
        }
        try (TimescaleMetricsStore again = TimescaleMetricsStore.open(server.settings("timescaledb", mode,
                "migrate-on-start", false))) {
            assertThat(again.schemaInfo().isUpToDate()).as("reopening finds the adopted schema current").isTrue();
        }
    }

    private static List<String> catalogue(TestServer server) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = server.admin(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT metric_name || '|' || symbol_key || '|' || timestamp::text"
                     + " || '|' || value::text || '|' || labels::text FROM " + server.schema() + ".series_catalogue"
                     + " ORDER BY metric_name")) {
            while (row.next()) {
                rows.add(row.getString(1));
            }
        }
        return rows;
    }

    private static boolean isHypertable(TestServer server, String table) throws Exception {
        try (Connection connection = server.admin(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT to_regclass('timescaledb_information.hypertables') IS NOT NULL"
                     + " AND EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " JOIN _timescaledb_catalog.hypertable h ON h.table_name = c.relname AND h.schema_name = n.nspname"
                     + " WHERE n.nspname = '" + server.schema() + "' AND c.relname = '" + table + "')")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    @Test
    void legacyHypertableDatabaseOnTimescaleDb() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE)) {
            assertAdopted(server, "auto", true);
        }
    }

    @Test
    void legacyPlainTablesOnTimescaleDbServerStayPlain() throws Exception {
        try (TestServer server = TestServer.of(TestServer.TIMESCALE)) {
            assertAdopted(server, "auto", false);
        }
    }

    @Test
    void legacyDatabaseOnPlainPostgres() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES)) {
            server.execute("CREATE SCHEMA " + server.schema());
            server.execute(LEGACY_DDL);
            server.execute(LEGACY_ROWS);
            List<String> before = dump(server);
            try (TimescaleMetricsStore store = TimescaleMetricsStore.open(server.settings())) {
                assertThat(dump(server)).isEqualTo(before);
                assertThat(store.schemaInfo().currentVersion()).isEqualTo("8");
                assertThat(store.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(4);
            }
        }
    }

    @Test
    void anUnadoptedDatabaseIsRefusedWhenMigrationIsOff() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES)) {
            server.execute("CREATE SCHEMA " + server.schema());
            server.execute(LEGACY_DDL);

            assertThatThrownBy(() -> TimescaleMetricsStore.open(server.settings("migrate-on-start", false)))
                    .isInstanceOf(SchemaException.class)
                    .hasMessageContaining("has not been adopted yet");
        }
    }

    @Test
    void aPartialLegacySchemaIsRefusedAndLeftAlone() throws Exception {
        try (TestServer server = TestServer.of(TestServer.POSTGRES)) {
            server.execute("CREATE SCHEMA " + server.schema());
            server.execute(LEGACY_DDL[0], LEGACY_ROWS[0]);

            assertThatThrownBy(() -> TimescaleMetricsStore.open(server.settings()))
                    .isInstanceOf(SchemaException.class)
                    .hasMessageContaining("not [candles, performance_history]");
            try (Connection connection = server.admin(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM trading_metrics),"
                         + " to_regclass('flyway_schema_history') IS NULL, to_regclass('candles') IS NULL")) {
                row.next();
                assertThat(row.getLong(1)).isEqualTo(4);
                assertThat(row.getBoolean(2)).as("no history written").isTrue();
                assertThat(row.getBoolean(3)).as("no table created").isTrue();
            }
        }
    }
}
