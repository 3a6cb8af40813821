package io.tradingmetrics.migration;

import io.tradingmetrics.migration.files.BadImportRowException;
import io.tradingmetrics.migration.files.ImportOptions;
import io.tradingmetrics.migration.files.ImportReport;
import io.tradingmetrics.migration.files.StoreImporter;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CSV files the older Python system's users have: {@code psql \copy (SELECT ...) TO ... CSV HEADER} of its tables
 * and pandas {@code DataFrame.to_csv}. The samples are written here as those tools write them.
 */
class LegacyCsvImportTest {
    @TempDir
    Path dir;
    private MetricsStore target;

    @BeforeEach
    void open() {
        target = TestStores.duckDb(dir.resolve("target.duckdb"));
    }

    @AfterEach
    void close() {
        target.close();
    }

    private ImportReport importFiles(ImportOptions options, Path... files) {
        return new StoreImporter(MigrationListener.NONE).importFiles(List.of(files), target, "target",
                options.withMigration(options.migration().withStateDirectory(dir.resolve("state")).withVerify(true)));
    }

    private Path write(String folder, String name, String... lines) throws Exception {
        Path file = dir.resolve(folder).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private List<MetricPoint> points() {
        try (Stream<MetricPoint> points = target.streamMetrics(TimeRange.all())) {
            return points.sorted(Comparator.comparing(MetricPoint::timestamp).thenComparing(MetricPoint::metricName))
                    .toList();
        }
    }

    @Test
    void importsPsqlCopyCsvOfTheOlderSystemsTables() throws Exception {
        Path metrics = write("psql", "trading_metrics.csv",
                "timestamp,metric_name,value,symbol,labels",
                "2024-03-01 12:00:00.123456+00,price,65000.5,BTCUSDT,\"{\"\"venue\"\": \"\"binance\"\"}\"",
                "2024-03-01 12:00:01+00,latency_ms,NaN,,",
                "2024-03-01 12:00:02.5+00,pnl,-Infinity,\"\",{}",
                "2024-03-01 17:45:03+05:45,drift,-0,ETHUSDT,\"{\"\"level\"\": 3, \"\"note\"\": \"\"a,b\"\"}\"",
                "2024-03-01 12:00:04+00,\"multi",
                "line\",Infinity,SOL,\"{\"\"text\"\": \"\"line one\\nline two\"\"}\"");
        Path candles = write("psql", "candles.csv",
                "timestamp,symbol,open,high,low,close,volume",
                "2024-03-01 12:00:00+00,BTCUSDT,65000,65100.25,64900,65050.5,1234");
        Path performance = write("psql", "performance_history.csv",
                "timestamp,portfolio_value,pnl,sharpe_ratio,max_drawdown,win_rate,total_trades",
                "2024-03-01 00:00:00+00,100000,0,,,,",
                "2024-03-02 00:00:00.000001+00,101000.5,1000.5,1.25,-0.05,0.6,42");

        ImportReport report = importFiles(ImportOptions.defaults(), metrics, candles, performance);

        assertThat(report.succeeded()).as(report.summary()).isTrue();
        assertThat(points()).containsExactly(
                new MetricPoint(Instant.parse("2024-03-01T12:00:00.123456Z"), "price", 65000.5,
                        Optional.of("BTCUSDT"), Map.of("venue", "binance")),
                new MetricPoint(Instant.parse("2024-03-01T12:00:01Z"), "latency_ms", Double.NaN, Optional.empty(),
                        Map.of()),
                new MetricPoint(Instant.parse("2024-03-01T12:00:02.5Z"), "pnl", Double.NEGATIVE_INFINITY,
                        Optional.of(""), Map.of()),
                new MetricPoint(Instant.parse("2024-03-01T12:00:03Z"), "drift", -0.0, Optional.of("ETHUSDT"),
                        Map.of("level", "3", "note", "a,b")),
                new MetricPoint(Instant.parse("2024-03-01T12:00:04Z"), "multi\nline", Double.POSITIVE_INFINITY,
                        Optional.of("SOL"), Map.of("text", "line one\nline two")));
        assertThat(Double.doubleToRawLongBits(points().get(3).value())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(target.candles(CandleQuery.of(TimeRange.all()))).containsExactly(new Candle(
                Instant.parse("2024-03-01T12:00:00Z"), "BTCUSDT", 65000, 65100.25, 64900, 65050.5, 1234));
        assertThat(target.performanceHistory(TimeRange.all())).containsExactly(
                new PerformanceSnapshot(Instant.parse("2024-03-01T00:00:00Z"), 100000, 0, OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty()),
                PerformanceSnapshot.of(Instant.parse("2024-03-02T00:00:00.000001Z"), 101000.5, 1000.5, 1.25, -0.05,
                        0.6, 42));
    }

    @Test
    void importsPandasToCsvWithItsIndexColumnNaiveTimestampsAndMissingValues() throws Exception {
        Path metrics = write("pandas", "trading_metrics.csv",
                ",timestamp,metric_name,value,symbol,labels",
                "0,2024-03-01 12:00:00.123456+00:00,price,65000.5,BTCUSDT,\"{'venue': 'binance'}\"",
                "1,2024-03-01 12:00:01,latency_ms,,,",
                "2,2024-03-01 12:00:02.250000,spread,inf,ETHUSDT,{}",
                "3,2024-03-01 12:00:03.000001+00:00,skew,-inf,ETHUSDT,\"{\"\"a\"\": \"\"1\"\"}\"",
                "4,2024-03-01 12:00:04.123456789+00:00,nanos,NaN,,");
        Path performance = write("pandas", "performance_history.csv",
                ",timestamp,portfolio_value,pnl,sharpe_ratio,max_drawdown,win_rate,total_trades",
                "0,2024-03-01,100000.0,0.0,,,,",
                "1,2024-03-02,101000.5,1000.5,1.25,-0.05,0.6,42.0");

        ImportReport report = importFiles(ImportOptions.defaults(), metrics, performance);

        assertThat(report.succeeded()).as(report.summary()).isTrue();
        assertThat(points()).containsExactly(
                new MetricPoint(Instant.parse("2024-03-01T12:00:00.123456Z"), "price", 65000.5,
                        Optional.of("BTCUSDT"), Map.of("venue", "binance")),
                new MetricPoint(Instant.parse("2024-03-01T12:00:01Z"), "latency_ms", Double.NaN, Optional.empty(),
                        Map.of()),
                new MetricPoint(Instant.parse("2024-03-01T12:00:02.25Z"), "spread", Double.POSITIVE_INFINITY,
                        Optional.of("ETHUSDT"), Map.of()),
                new MetricPoint(Instant.parse("2024-03-01T12:00:03.000001Z"), "skew", Double.NEGATIVE_INFINITY,
                        Optional.of("ETHUSDT"), Map.of("a", "1")),
                new MetricPoint(Instant.parse("2024-03-01T12:00:04.123456Z"), "nanos", Double.NaN, Optional.empty(),
                        Map.of()));
        assertThat(target.performanceHistory(TimeRange.all())).containsExactly(
                new PerformanceSnapshot(Instant.parse("2024-03-01T00:00:00Z"), 100000, 0, OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty()),
                PerformanceSnapshot.of(Instant.parse("2024-03-02T00:00:00Z"), 101000.5, 1000.5, 1.25, -0.05, 0.6,
                        42));
    }

    @Test
    void aFileNotNamedAfterItsTableImportsWithTheTableGiven() throws Exception {
        Path file = write("any", "export-2024.csv",
                "timestamp,symbol,open,high,low,close,volume",
                "2024-03-01 12:00:00+00,BTCUSDT,1,2,0.5,1.5,10.0");

        assertThatThrownBy(() -> importFiles(ImportOptions.defaults(), file))
                .hasMessageContaining("cannot tell the table of").hasMessageContaining("give the table");
        importFiles(ImportOptions.defaults().withTable(StoreTable.CANDLES), file);

        assertThat(target.count(StoreTable.CANDLES, TimeRange.all())).isEqualTo(1);
    }

    @Test
    void badRowsAreNamedByFileLineAndColumnAndNothingIsImported() throws Exception {
        Path good = write("bad", "candles.csv",
                "timestamp,symbol,open,high,low,close,volume",
                "2024-03-01 12:00:00+00,BTCUSDT,1,2,0.5,1.5,10");
        Path metrics = write("bad", "trading_metrics.csv",
                ",timestamp,metric_name,value,symbol,labels",
                "0,2024-03-01 12:00:00+00:00,price,1.5,BTC,{}",
                "1,2024-03-01 12:00:01+00:00,price,abc,BTC,{}");

        assertThatThrownBy(() -> importFiles(ImportOptions.defaults(), good, metrics))
                .isInstanceOf(BadImportRowException.class)
                .hasMessageContaining("trading_metrics.csv line 3, column value: 'abc' is not a number");
        assertThat(target.count(StoreTable.CANDLES, TimeRange.all())).isZero();
        assertThat(target.count(StoreTable.TRADING_METRICS, TimeRange.all())).isZero();

        Path timestamp = write("bad2", "trading_metrics.csv", "timestamp,metric_name,value",
                "2024-03-01 25:00:00+00,price,1");
        assertThatThrownBy(() -> importFiles(ImportOptions.defaults(), timestamp))
                .hasMessageContaining("line 2, column timestamp").hasMessageContaining("not a valid timestamp");

        Path candle = write("bad3", "candles.csv", "timestamp,symbol,open,high,low,close,volume",
                "2024-03-01 12:00:00+00,BTCUSDT,1,0.5,2,1.5,10");
        assertThatThrownBy(() -> importFiles(ImportOptions.defaults(), candle))
                .hasMessageContaining("candles.csv line 2: candle BTCUSDT")
                .hasMessageContaining("below low");

        Path unknownColumn = write("bad4", "trading_metrics.csv", "timestamp,metric_name,value,exchange",
                "2024-03-01 12:00:00+00,price,1,binance");
        assertThatThrownBy(() -> importFiles(ImportOptions.defaults(), unknownColumn))
                .hasMessageContaining("line 1, column exchange: unknown column 'exchange'");

        Path missingColumn = write("bad5", "trading_metrics.csv", "timestamp,value", "2024-03-01 12:00:00+00,1");
        assertThatThrownBy(() -> importFiles(ImportOptions.defaults(), missingColumn))
                .hasMessageContaining("the header lacks column 'metric_name'");

        Path shortRow = write("bad6", "trading_metrics.csv", "timestamp,metric_name,value",
                "2024-03-01 12:00:00+00,price");
        assertThatThrownBy(() -> importFiles(ImportOptions.defaults(), shortRow))
                .hasMessageContaining("line 2: the record has 2 fields but the header has 3");

        Path duplicateKey = write("bad7", "performance_history.csv", "timestamp,portfolio_value,pnl",
                "2024-03-01 12:00:00+00,1,1", "2024-03-01 12:00:00+00,2,2");
        assertThatThrownBy(() -> importFiles(ImportOptions.defaults(), duplicateKey))
                .hasMessageContaining("2 rows share the key (timestamp) = (2024-03-01T12:00:00.000000Z)");

        for (StoreTable table : StoreTable.values()) {
            assertThat(target.count(table, TimeRange.all())).as(table.tableName()).isZero();
        }
    }
}
