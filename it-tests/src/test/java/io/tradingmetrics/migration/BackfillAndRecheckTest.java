package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pieces the cut-over commands build on, on real DuckDB files: a backfill replaces whatever copies a mirror's
 * secondary already holds before the boundary (never doubling them, never refusing), a range replacement makes a
 * target's range equal to the source's however often it runs, and a recheck turns a verification whose differences
 * were rows on their way into a match, while a real difference stays one.
 */
class BackfillAndRecheckTest {
    private static final int POINTS = 4_000;

    @TempDir
    Path dir;

    private static MigrationOptions options(Path state) {
        return MigrationOptions.defaults().withStateDirectory(state).withBatchSize(500).withChunkRows(1_000);
    }

    @Test
    void aBackfillReplacesTheCopiesTheSecondaryHoldsBeforeTheBoundaryAndEndsEqual() {
        Instant boundary = TestRows.metric(POINTS / 2).timestamp();
        TimeRange history = TimeRange.of(Timestamps.MIN, boundary);
        try (MetricsStore primary = TestStores.duckDb(dir.resolve("primary.duckdb"));
             MetricsStore secondary = TestStores.duckDb(dir.resolve("secondary.duckdb"))) {
            TestRows.fill(primary, POINTS, 0, 0);
            // What a mirror leaves in a secondary before the backfill: a range re-copied after a late write (the
            // primary's rows there, exactly), and the mirrored rows from the boundary on.
            TimeRange late = TimeRange.of(TestRows.metric(100).timestamp(), TestRows.metric(200).timestamp());
            new RangeReplacer(500, MigrationListener.NONE).replace(RowSource.of("primary", primary), secondary,
                    StoreTable.TRADING_METRICS, late);
            List<MetricPoint> mirrored = new ArrayList<>();
            for (int i = POINTS / 2; i < POINTS; i++) {
                mirrored.add(TestRows.metric(i));
            }
            secondary.insertMetrics(mirrored);

            MigrationReport report = new StoreMigrator(MigrationListener.NONE).backfill(
                    RowSource.of("primary", primary), secondary, "secondary", options(dir.resolve("state"))
                            .withTables(List.of(StoreTable.TRADING_METRICS)).withRange(history));

            assertThat(report.succeeded()).isTrue();
            assertThat(report.tables().get(0).rowsCopied()).isEqualTo(POINTS / 2);
            assertThat(TestRows.digest(secondary, StoreTable.TRADING_METRICS))
                    .isEqualTo(TestRows.digest(primary, StoreTable.TRADING_METRICS));
            MigrationReport again = new StoreMigrator(MigrationListener.NONE).backfill(
                    RowSource.of("primary", primary), secondary, "secondary", options(dir.resolve("state"))
                            .withTables(List.of(StoreTable.TRADING_METRICS)).withRange(history));
            assertThat(again.outcome()).isEqualTo(MigrationReport.Outcome.ALREADY_COMPLETE);
            assertThatThrownBy(() -> new StoreMigrator(MigrationListener.NONE).backfill(RowSource.of("primary",
                    primary), secondary, "secondary", options(dir.resolve("state")).withAppend(true)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRangeReplacementConvergesHoweverOftenItRuns() {
        try (MetricsStore source = TestStores.duckDb(dir.resolve("source.duckdb"));
             MetricsStore target = TestStores.duckDb(dir.resolve("target.duckdb"))) {
            TestRows.fill(source, 3_000, 300, 10);
            TestRows.fill(target, 1_000, 0, 0); // the first 2,000 points, as a half-done copy left them
            target.insertMetrics(List.of(MetricPoint.of(TestRows.START.plusSeconds(5), "stray", 1)));
            RangeReplacer replacer = new RangeReplacer(700, MigrationListener.NONE);
            for (int run = 0; run < 2; run++) {
                for (StoreTable table : StoreTable.values()) {
                    replacer.replace(RowSource.of("source", source), target, table, TimeRange.all());
                }
            }
            for (StoreTable table : StoreTable.values()) {
                assertThat(TestRows.digest(target, table)).as(table.tableName())
                        .isEqualTo(TestRows.digest(source, table));
            }
        }
    }

    @Test
    void aRecheckMatchesOnceRowsOnTheirWayArrivedAndKeepsARealDifference() {
        try (MetricsStore source = TestStores.duckDb(dir.resolve("source.duckdb"));
             MetricsStore target = TestStores.duckDb(dir.resolve("target.duckdb"))) {
            TestRows.fill(source, POINTS, 0, 0);
            List<MetricPoint> all = new ArrayList<>();
            for (int i = 0; i < POINTS; i++) {
                all.add(TestRows.metric(i));
            }
            target.insertMetrics(all.subList(0, POINTS - 500)); // the last 500 still queued for the target
            VerifyOptions verify = VerifyOptions.defaults().withTables(List.of(StoreTable.TRADING_METRICS))
                    .withChunkRows(1_000);
            Verifier verifier = new Verifier(MigrationListener.NONE);
            RowSource from = RowSource.of("source", source);
            RowSource to = RowSource.of("target", target);
            VerificationReport first = verifier.verify(from, to, verify);
            assertThat(first.matches()).isFalse();
            assertThat(first.tables().get(0).differing()).hasSize(1);

            target.insertMetrics(all.subList(POINTS - 500, POINTS)); // they arrive
            VerificationReport second = verifier.recheck(first, from, to, 2);
            assertThat(second.matches()).as(second.summary()).isTrue();
            assertThat(second.tables().get(0).target()).isEqualTo(second.tables().get(0).source())
                    .isEqualTo(TestRows.digest(source, StoreTable.TRADING_METRICS));

            target.insertMetrics(List.of(all.get(7))); // a doubled row is a real difference
            VerificationReport third = verifier.recheck(verifier.verify(from, to, verify), from, to, 2);
            assertThat(third.matches()).isFalse();
            assertThat(third.tables().get(0).mismatches().get(0).onlyInTarget()).hasSize(1);
        }
    }
}
