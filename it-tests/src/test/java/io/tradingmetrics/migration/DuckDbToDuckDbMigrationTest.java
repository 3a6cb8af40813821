package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Copies between two DuckDB files, through the SPI only. */
class DuckDbToDuckDbMigrationTest {
    @TempDir
    Path dir;
    private Path state;
    private MetricsStore source;
    private MetricsStore target;
    private RowSource sourceRows;
    private String targetId;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void openStores() {
        state = dir.resolve("state");
        source = TestStores.duckDb(dir.resolve("source.duckdb"));
        target = TestStores.duckDb(dir.resolve("target.duckdb"));
        sourceRows = RowSource.of(TestStores.duckDbId(dir.resolve("source.duckdb")), source);
        targetId = TestStores.duckDbId(dir.resolve("target.duckdb"));
    }

    @AfterEach
    void closeStores() {
        source.close();
        target.close();
    }

    private MigrationOptions options() {
        return MigrationOptions.defaults().withStateDirectory(state).withBatchSize(500).withChunkRows(2_000);
    }

    private MigrationReport migrate(MigrationOptions options) {
        return new StoreMigrator(listener).migrate(sourceRows, target, targetId, options);
    }

    @Test
    void copiesEveryTableInCheckpointedChunksAndProvesTheTargetEqual() {
        TestRows.fill(source, 20_000, 600, 50);
        TestRows.fillEdges(source);

        MigrationReport report = migrate(options().withVerify(true));

        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.COPIED);
        assertThat(report.rowsCopied()).isEqualTo(20_000 + 600 + 50 + TestRows.edgeMetrics().size()
                + TestRows.edgeCandles().size() + TestRows.edgeSnapshots().size());
        assertThat(report.plan().tables().get(0).chunks()).hasSizeGreaterThan(5);
        assertThat(report.verification()).hasValueSatisfying(v -> assertThat(v.matches()).as(v.summary()).isTrue());
        for (StoreTable table : StoreTable.values()) {
            assertThat(TestRows.digest(target, table)).as(table.tableName())
                    .isEqualTo(TestRows.digest(source, table));
        }
        assertThat(rowCounts(target)).isEqualTo(rowCounts(source));
        assertThat(report.summary()).contains("copied").contains("rows/s").contains("verified");
    }

    @Test
    void edgeValuesArriveBitForBit() {
        TestRows.fillEdges(source);
        migrate(options());

        MetricPoint negativeZero = target.queryMetrics(MetricQuery.of("negative zero", TimeRange.all())).get(0);
        assertThat(Double.doubleToRawLongBits(negativeZero.value())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        MetricPoint labelled = target.queryMetrics(MetricQuery.of("labels", TimeRange.all())).get(0);
        MetricPoint original = TestRows.edgeMetrics().stream().filter(p -> p.metricName().equals("labels"))
                .findFirst().orElseThrow();
        assertThat(labelled).isEqualTo(original);
        assertThat(target.queryMetrics(MetricQuery.of("empty symbol", TimeRange.all())).get(0).symbol())
                .contains("");
        assertThat(target.queryMetrics(MetricQuery.of("duplicate", TimeRange.all()))).hasSize(2);
        assertThat(target.queryMetrics(MetricQuery.of("first instant", TimeRange.all())).get(0).timestamp())
                .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        for (StoreTable table : StoreTable.values()) {
            assertThat(TestRows.digest(target, table)).isEqualTo(TestRows.digest(source, table));
        }
    }

    @Test
    void aRerunAfterSuccessCopiesNothingAndSaysSo() {
        TestRows.fill(source, 5_000, 30, 5);
        migrate(options());
        Digest before = TestRows.digest(target, StoreTable.TRADING_METRICS);

        MigrationReport again = migrate(options());

        assertThat(again.outcome()).isEqualTo(MigrationReport.Outcome.ALREADY_COMPLETE);
        assertThat(again.rowsCopied()).isZero();
        assertThat(again.summary()).contains("nothing to copy").contains("completed by an earlier run");
        assertThat(TestRows.digest(target, StoreTable.TRADING_METRICS)).isEqualTo(before);
    }

    @Test
    void aTargetWithRowsInTheRangeIsRefusedUnlessAppending() {
        TestRows.fill(source, 3_000, 0, 0);
        MetricPoint already = MetricPoint.of(TestRows.START.plusSeconds(5), "price", 1, "BTCUSDT");
        target.insertMetric(already);

        assertThatThrownBy(() -> migrate(options()))
                .isInstanceOf(TargetNotEmptyException.class)
                .hasMessageContaining("already holds rows")
                .hasMessageContaining("trading_metrics 1 rows")
                .hasMessageContaining("--append");
        assertThat(target.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1);
        assertThat(checkpointFiles()).isEmpty();

        MigrationReport appended = migrate(options().withAppend(true));

        assertThat(appended.rowsCopied()).isEqualTo(3_000);
        assertThat(TestRows.digest(target, StoreTable.TRADING_METRICS)).isEqualTo(
                TestRows.digest(source, StoreTable.TRADING_METRICS)
                        .plus(new Digest(1, Checksums.hash(already))));
    }

    @Test
    void aDryRunShowsThePlanAndChangesNothing() {
        TestRows.fill(source, 10_000, 100, 10);
        target.upsertCandles(List.of(TestRows.candle(0)));
        List<TableStats> targetBefore = target.stats();
        List<TableStats> sourceBefore = source.stats();

        MigrationReport report = migrate(options().withDryRun(true));

        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.DRY_RUN);
        assertThat(report.rowsCopied()).isZero();
        MigrationPlan.TablePlan metrics = report.plan().tables().get(0);
        assertThat(metrics.sourceRows()).isEqualTo(10_000);
        assertThat(metrics.chunks()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(report.plan().targetSchema().isUpToDate()).isTrue();
        assertThat(report.plan().tables().get(1).targetRowsInRange()).isEqualTo(1);
        assertThat(report.summary()).contains("dry run").contains("target schema: version")
                .contains("trading_metrics").contains("chunk(s)");
        assertThat(listener.messages).anyMatch(m -> m.contains("a real run would stop here")
                && m.contains("candles 1 rows"));
        assertThat(target.stats()).isEqualTo(targetBefore);
        assertThat(source.stats()).isEqualTo(sourceBefore);
        assertThat(Files.exists(state)).isFalse();
    }

    @Test
    void copiesOnlyTheTablesAndTimeRangeAsked() {
        TestRows.fill(source, 20_000, 600, 50);
        TimeRange range = TimeRange.of(TestRows.START.plusSeconds(50), TestRows.START.plusSeconds(100));

        MigrationReport report = migrate(options().withTables(List.of(StoreTable.TRADING_METRICS)).withRange(range)
                .withVerify(true));

        assertThat(report.verification().orElseThrow().matches()).isTrue();
        long expected = source.count(StoreTable.TRADING_METRICS, range);
        assertThat(expected).isBetween(4_900L, 5_100L);
        assertThat(target.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(expected);
        assertThat(target.count(StoreTable.CANDLES, TimeRange.all())).isZero();
        assertThat(target.count(StoreTable.PERFORMANCE_HISTORY, TimeRange.all())).isZero();

        // The same copy for another range is another migration, with its own checkpoint.
        TimeRange next = TimeRange.of(range.to(), TestRows.START.plusSeconds(150));
        migrate(options().withTables(List.of(StoreTable.TRADING_METRICS)).withRange(next));
        assertThat(target.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                .isEqualTo(source.count(StoreTable.TRADING_METRICS, TimeRange.of(range.from(), next.to())));
    }

    @Test
    void verifyFindsAChangedValueAMissingRowAndAnExtraRowAndNamesWhere() {
        TestRows.fill(source, 20_000, 0, 0);
        migrate(options());
        Verifier verifier = new Verifier(listener);
        VerifyOptions verify = VerifyOptions.defaults().withChunkRows(2_000);
        RowSource targetRows = RowSource.of(targetId, target);
        assertThat(verifier.verify(sourceRows, targetRows, verify).matches()).isTrue();

        MetricPoint victim = TestRows.metric(12_345);
        TimeRange victimInstant = TimeRange.of(victim.timestamp(), victim.timestamp().plusNanos(1_000));
        assertThat(target.count(StoreTable.TRADING_METRICS, victimInstant)).isEqualTo(1);

        // A missing row.
        target.deleteRange(StoreTable.TRADING_METRICS, victimInstant);
        VerificationReport missing = verifier.verify(sourceRows, targetRows, verify);
        assertThat(missing.matches()).isFalse();
        ChunkMismatch missingChunk = onlyMismatch(missing);
        assertThat(missingChunk.range().contains(victim.timestamp())).isTrue();
        assertThat(missingChunk.source().rows() - missingChunk.target().rows()).isEqualTo(1);
        assertThat(missingChunk.describe()).contains("the source has 1 more");
        assertThat(missingChunk.onlyInSource()).containsExactly(victim.toString());
        assertThat(missing.summary()).contains("MISMATCH").contains("trading_metrics")
                .contains(TimeRanges.format(missingChunk.range()));

        // A changed value: same count, different checksum.
        MetricPoint changed = new MetricPoint(victim.timestamp(), victim.metricName(), victim.value() + 1e-9,
                victim.symbol(), victim.labels());
        target.insertMetric(changed);
        ChunkMismatch changedChunk = onlyMismatch(verifier.verify(sourceRows, targetRows, verify));
        assertThat(changedChunk.source().rows()).isEqualTo(changedChunk.target().rows());
        assertThat(changedChunk.describe()).contains("same count, different values");
        assertThat(changedChunk.onlyInSource()).containsExactly(victim.toString());
        assertThat(changedChunk.onlyInTarget()).containsExactly(changed.toString());

        // An extra row (a duplicate of an existing one) once the value is repaired.
        target.deleteRange(StoreTable.TRADING_METRICS, victimInstant);
        target.insertMetrics(List.of(victim, victim));
        ChunkMismatch extraChunk = onlyMismatch(verifier.verify(sourceRows, targetRows, verify));
        assertThat(extraChunk.describe()).contains("the target has 1 more");
        assertThat(extraChunk.onlyInTarget()).containsExactly(victim.toString());

        // A row outside the source's time span is caught too: the chunks tile the whole range.
        target.deleteRange(StoreTable.TRADING_METRICS, victimInstant);
        target.insertMetric(victim);
        target.insertMetric(MetricPoint.of(Instant.parse("2030-01-01T00:00:00Z"), "late", 1));
        ChunkMismatch lateChunk = onlyMismatch(verifier.verify(sourceRows, targetRows, verify));
        assertThat(lateChunk.range().to()).isEqualTo(TimeRange.all().to());
        assertThat(lateChunk.describe()).contains("the target has 1 more");
    }

    private static ChunkMismatch onlyMismatch(VerificationReport report) {
        VerificationReport.TableVerification metrics = report.tables().get(0);
        assertThat(metrics.mismatchedChunks()).as(report.summary()).isEqualTo(1);
        return metrics.mismatches().get(0);
    }

    private Map<StoreTable, Long> rowCounts(MetricsStore store) {
        return Map.of(StoreTable.TRADING_METRICS, store.count(StoreTable.TRADING_METRICS, TimeRange.all()),
                StoreTable.CANDLES, store.count(StoreTable.CANDLES, TimeRange.all()),
                StoreTable.PERFORMANCE_HISTORY, store.count(StoreTable.PERFORMANCE_HISTORY, TimeRange.all()));
    }

    private List<Path> checkpointFiles() {
        if (!Files.isDirectory(state)) {
            return List.of();
        }
        try (var files = Files.list(state)) {
            return files.filter(p -> p.toString().endsWith(".json")).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

}
