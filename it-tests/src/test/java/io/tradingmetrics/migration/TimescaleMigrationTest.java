package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Copies in every direction between DuckDB and TimescaleDB (the migration and its rollback), each verified, and a
 * round trip DuckDB -> TimescaleDB -> DuckDB that must give back every value unchanged. Needs the TimescaleDB test
 * server (METRICS_IT_TIMESCALE_URL); fails when it is missing.
 */
class TimescaleMigrationTest {
    @TempDir
    Path dir;
    private final List<String> schemas = new ArrayList<>();
    private final List<MetricsStore> opened = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        opened.forEach(MetricsStore::close);
        for (String schema : schemas) {
            TestStores.dropSchema(schema);
        }
    }

    private String timescaleSpec() {
        String schema = TestStores.newSchema();
        schemas.add(schema);
        return "timescale:" + schema;
    }

    private String duckDbSpec(String name) {
        return "duckdb:" + dir.resolve(name + ".duckdb");
    }

    private MetricsStore open(String spec) {
        MetricsStore store = TestStores.open(spec);
        opened.add(store);
        return store;
    }

    private MigrationReport copy(String from, MetricsStore source, String to, MetricsStore target) {
        MigrationReport report = new StoreMigrator(MigrationListener.NONE).migrate(RowSource.of(TestStores.id(from),
                source), target, TestStores.id(to), MigrationOptions.defaults().withStateDirectory(dir.resolve("state"))
                .withBatchSize(1_000).withChunkRows(4_000).withVerify(true));
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.COPIED);
        assertThat(report.verification().orElseThrow().matches()).as(report.summary()).isTrue();
        return report;
    }

    @Test
    void duckDbToTimescaleAndBackGivesEveryValueUnchanged() {
        String first = duckDbSpec("first");
        String timescale = timescaleSpec();
        String second = duckDbSpec("second");
        MetricsStore original = open(first);
        TestRows.fill(original, 15_000, 300, 30);
        TestRows.fillEdges(original);

        MetricsStore server = open(timescale);
        copy(first, original, timescale, server);
        MetricsStore back = open(second);
        copy(timescale, server, second, back);

        for (StoreTable table : StoreTable.values()) {
            assertThat(TestRows.digest(server, table)).as(table.tableName()).isEqualTo(TestRows.digest(original, table));
            assertThat(TestRows.digest(back, table)).as(table.tableName()).isEqualTo(TestRows.digest(original, table));
        }
        for (MetricPoint edge : TestRows.edgeMetrics()) {
            List<MetricPoint> read = back.queryMetrics(MetricQuery.of(edge.metricName(), TimeRange.all()));
            assertThat(read).as(edge.metricName()).contains(edge);
            assertThat(read.stream().filter(edge::equals).findFirst().map(p -> Double.doubleToLongBits(p.value())))
                    .contains(Double.doubleToLongBits(edge.value()));
        }
        assertThat(back.candles(CandleQuery.of(TimeRange.all())).stream().filter(c -> c.symbol().equals("BTC")
                || c.symbol().equals("OLD") || c.symbol().equals("ETH") && c.volume() == Long.MAX_VALUE)
                .sorted(Comparator.comparing(Candle::timestamp).thenComparing(Candle::symbol)).toList())
                .containsExactlyElementsOf(TestRows.edgeCandles().stream()
                        .sorted(Comparator.comparing(Candle::timestamp).thenComparing(Candle::symbol)).toList());
        List<PerformanceSnapshot> snapshots = back.performanceHistory(TimeRange.all());
        assertThat(snapshots).containsAll(TestRows.edgeSnapshots());
    }

    @Test
    void timescaleToTimescale() {
        String from = timescaleSpec();
        String to = timescaleSpec();
        MetricsStore source = open(from);
        TestRows.fill(source, 10_000, 100, 10);
        TestRows.fillEdges(source);
        MetricsStore target = open(to);

        MigrationReport report = copy(from, source, to, target);

        assertThat(report.plan().tables().get(0).chunks()).hasSizeGreaterThan(2);
        for (StoreTable table : StoreTable.values()) {
            assertThat(TestRows.digest(target, table)).isEqualTo(TestRows.digest(source, table));
        }
    }

    @Test
    void timescaleToDuckDbThenARerunCopiesNothingAndStillVerifies() {
        String from = timescaleSpec();
        String to = duckDbSpec("target");
        MetricsStore source = open(from);
        TestRows.fill(source, 8_000, 0, 0);
        MetricsStore target = open(to);

        copy(from, source, to, target);
        MigrationReport again = new StoreMigrator(MigrationListener.NONE).migrate(RowSource.of(TestStores.id(from),
                source), target, TestStores.id(to), MigrationOptions.defaults().withStateDirectory(dir.resolve("state"))
                .withBatchSize(1_000).withChunkRows(4_000).withVerify(true));

        assertThat(again.outcome()).isEqualTo(MigrationReport.Outcome.ALREADY_COMPLETE);
        assertThat(again.verification().orElseThrow().matches()).isTrue();
        assertThat(target.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(8_000);
    }
}
