package io.tradingmetrics.switching;

import com.google.inject.Guice;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.tradingmetrics.config.MetricsStoreModule;
import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.tck.postgres.TestSchema;
import io.tradingmetrics.storage.tck.support.MarketData;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An app that changes nothing but {@code metrics.store.type} gets the same answers to its dashboard queries from
 * DuckDB and from TimescaleDB, on the same data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Switching backend by metrics.store.type alone")
class BackendSwitchTest {
    private static final Instant START = Instant.parse("2026-03-27T22:13:07.123456Z");
    private static final TimeRange RANGE = TimeRange.of(START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(7)));

    @TempDir
    static Path folder;

    private final TestSchema schema = PostgresTestServer.TIMESCALE.newSchema();
    private MetricsStore duckdb;
    private MetricsStore timescale;

    /** The app's whole configuration; only the type differs between the two stores. */
    private Config appConfig(String type) {
        return ConfigFactory.parseString("metrics.store { duckdb.path = \"" + folder.resolve("app.duckdb") + "\"\n"
                        + " timescale { schema = " + schema.schema() + " } }")
                .withValue("metrics.store.timescale.url", ConfigValueFactory.fromAnyRef(schema.url()))
                .withValue("metrics.store.type", ConfigValueFactory.fromAnyRef(type))
                .withFallback(ConfigFactory.load());
    }

    @BeforeAll
    void openBothAndLoadTheSameData() {
        duckdb = MetricsStores.open(appConfig("duckdb"));
        timescale = Guice.createInjector(new MetricsStoreModule(appConfig("timescale"))).getInstance(MetricsStore.class);
        MarketData data = new MarketData(20261124L);
        var points = data.points(30_000, START, Duration.ofDays(3));
        var candles = data.candles(2_000, START, Duration.ofMinutes(1));
        var snapshots = data.snapshots(1_500, START, Duration.ofMinutes(5));
        for (MetricsStore store : List.of(duckdb, timescale)) {
            store.insertMetrics(points);
            store.upsertCandles(candles);
            store.upsertPerformance(snapshots);
        }
    }

    @AfterAll
    void closeAndDrop() throws SQLException {
        if (duckdb != null) {
            duckdb.close();
        }
        if (timescale != null) {
            timescale.close();
        }
        schema.close();
    }

    @Test
    @DisplayName("the type alone picks the backend")
    void typePicksTheBackend() {
        assertThat(duckdb.backendName()).isEqualTo("duckdb");
        assertThat(timescale.backendName()).isEqualTo("timescale");
        assertThat(timescale.health().healthy()).isTrue();
        assertThat(timescale.health().details().toString()).containsIgnoringCase("timescale");
    }

    @Test
    @DisplayName("raw ranges, latest values, stored and derived candles are identical")
    void exactReadsAgree() {
        for (String symbol : MarketData.SYMBOLS) {
            MetricQuery raw = MetricQuery.of("price", RANGE).withSymbol(symbol).withLimit(500);
            assertThat(timescale.queryMetrics(raw)).isEqualTo(duckdb.queryMetrics(raw)).hasSize(500);
        }
        MetricQuery labelled = MetricQuery.of("latency", RANGE).withLabels(Map.of("venue", "kraken")).withLimit(10_000);
        assertThat(timescale.queryMetrics(labelled)).isEqualTo(duckdb.queryMetrics(labelled)).isNotEmpty();
        assertThat(timescale.latest(LatestQuery.all())).isEqualTo(duckdb.latest(LatestQuery.all())).isNotEmpty();
        CandleQuery candles = CandleQuery.of(RANGE);
        assertThat(timescale.candles(candles)).isEqualTo(duckdb.candles(candles)).isNotEmpty();
        for (Interval interval : List.of(Interval.HOUR_1, Interval.HOUR_4, Interval.DAY_1, Interval.WEEK_1)) {
            assertThat(timescale.rollUpCandles(candles, interval)).isEqualTo(duckdb.rollUpCandles(candles, interval))
                    .isNotEmpty();
        }
        MetricCandleQuery fromPrices = MetricCandleQuery.of("price", RANGE, Interval.MINUTE_15);
        assertThat(timescale.candlesFromMetrics(fromPrices)).isEqualTo(duckdb.candlesFromMetrics(fromPrices)).isNotEmpty();
        assertThat(timescale.performanceHistory(RANGE)).isEqualTo(duckdb.performanceHistory(RANGE)).hasSize(1_500);
    }

    @Test
    @DisplayName("every aggregation, by minute and by hour, per symbol, with gap filling, agrees")
    void aggregationsAgree() {
        for (Interval interval : List.of(Interval.MINUTE_1, Interval.HOUR_1, Interval.MONTH_1)) {
            for (Aggregation aggregation : Aggregation.values()) {
                AggregationQuery query = AggregationQuery.of("price", RANGE, interval, aggregation).groupedBySymbol()
                        .withGapFill(interval == Interval.HOUR_1 ? GapFill.LINEAR : GapFill.NONE);
                List<AggregatedBucket> expected = duckdb.aggregate(query);
                List<AggregatedBucket> actual = timescale.aggregate(query);
                String what = aggregation + " by " + interval.label();
                assertThat(actual).as(what).hasSameSizeAs(expected).isNotEmpty();
                for (int i = 0; i < expected.size(); i++) {
                    AggregatedBucket e = expected.get(i);
                    AggregatedBucket a = actual.get(i);
                    assertThat(a.bucketStart()).as(what).isEqualTo(e.bucketStart());
                    assertThat(a.symbol()).as(what).isEqualTo(e.symbol());
                    assertThat(a.sampleCount()).as(what).isEqualTo(e.sampleCount());
                    assertThat(a.value().isPresent()).as(what).isEqualTo(e.value().isPresent());
                    if (e.value().isPresent()) {
                        double tolerance = Math.abs(e.value().getAsDouble()) * 1e-9 + 1e-9;
                        assertThat(a.value().getAsDouble()).as(what + " at " + e.bucketStart())
                                .isCloseTo(e.value().getAsDouble(), within(tolerance));
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("the performance summary and table stats agree")
    void summariesAgree() {
        PerformanceSummary expected = duckdb.performanceSummary(RANGE).orElseThrow();
        PerformanceSummary actual = timescale.performanceSummary(RANGE).orElseThrow();
        assertThat(actual.snapshots()).isEqualTo(expected.snapshots()).isEqualTo(1_500);
        assertThat(actual.firstSnapshot()).isEqualTo(expected.firstSnapshot());
        assertThat(actual.lastSnapshot()).isEqualTo(expected.lastSnapshot());
        assertThat(actual.startValue()).isEqualTo(expected.startValue());
        assertThat(actual.endValue()).isEqualTo(expected.endValue());
        assertThat(actual.totalTrades()).isEqualTo(expected.totalTrades());
        assertThat(actual.totalPnl()).isCloseTo(expected.totalPnl(), within(Math.abs(expected.totalPnl()) * 1e-9 + 1e-9));
        assertThat(actual.worstDrawdown()).isEqualTo(expected.worstDrawdown());
        List<TableStats> duckStats = duckdb.stats();
        List<TableStats> timescaleStats = timescale.stats();
        for (int i = 0; i < duckStats.size(); i++) {
            assertThat(timescaleStats.get(i).rowCount()).isEqualTo(duckStats.get(i).rowCount()).isPositive();
            assertThat(timescaleStats.get(i).minTimestamp()).isEqualTo(duckStats.get(i).minTimestamp());
            assertThat(timescaleStats.get(i).maxTimestamp()).isEqualTo(duckStats.get(i).maxTimestamp());
        }
    }
}
