package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.RetentionGuards;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.RetentionReport;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableRetention;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention policies: per-table keeps measured from the clock, the guards, dry runs. */
public abstract class RetentionContract extends StoreContract {
    /** Just after the three days of data end: what the clock reads in a run that is not about a wrong clock. */
    private static final Instant NOW = BASE.plus(Duration.ofDays(3));
    private static final RetentionPolicy POLICY = RetentionPolicy.keepForever()
            .keeping(StoreTable.TRADING_METRICS, Duration.ofHours(60))
            .keeping(StoreTable.CANDLES, Duration.ofHours(48));

    protected RetentionContract(StoreFixture fixture) {
        super(fixture);
    }

    private void givenThreeDaysOfEverything() {
        insert(data.shuffled(data.points(4_000, BASE, Duration.ofDays(3))));
        upsertCandles(data.candles(3 * 24 * 60, BASE, Duration.ofMinutes(1)));
        upsertPerformance(data.snapshots(3 * 24, BASE, Duration.ofHours(1)));
    }

    /** @return the rows of each table the model holds before the cutoff of the policy at the instant */
    private Map<StoreTable, Long> expectedRemovals(RetentionPolicy policy, Instant now) {
        Map<StoreTable, Long> expected = new EnumMap<>(StoreTable.class);
        for (StoreTable table : StoreTable.values()) {
            expected.put(table, policy.cutoff(table, now)
                    .map(cutoff -> model.count(table, TimeRange.of(TimeRange.all().from(), cutoff))).orElse(0L));
        }
        return expected;
    }

    private static Map<StoreTable, Long> removed(RetentionReport report) {
        Map<StoreTable, Long> removed = new EnumMap<>(StoreTable.class);
        for (StoreTable table : StoreTable.values()) {
            removed.put(table, report.rowsRemoved(table));
        }
        return removed;
    }

    private void assertNothingDeleted() {
        for (StoreTable table : StoreTable.values()) {
            assertThat(store().count(table, TimeRange.all())).as(table.tableName() + " rows")
                    .isEqualTo(model.count(table, TimeRange.all()));
        }
    }

    private void assertStoreHoldsExactlyTheModel() {
        assertNothingDeleted();
        assertThat(store().streamMetrics(TimeRange.all()).toList())
                .containsExactlyInAnyOrderElementsOf(model.points());
        assertThat(store().candles(io.tradingmetrics.storage.api.CandleQuery.of(TimeRange.all())))
                .containsExactlyElementsOf(model.candles(io.tradingmetrics.storage.api.CandleQuery.of(TimeRange.all())));
        assertThat(store().performanceHistory(TimeRange.all()))
                .containsExactlyElementsOf(model.performanceHistory(TimeRange.all()));
    }

    @Test
    @DisplayName("retention deletes from each table exactly its rows older than now minus its keep, nothing else")
    void deletesPerTable() {
        givenThreeDaysOfEverything();
        Map<StoreTable, Long> expected = expectedRemovals(POLICY, NOW);
        assertThat(expected.get(StoreTable.TRADING_METRICS)).as("the kit's data has points to delete").isPositive();
        assertThat(expected.get(StoreTable.CANDLES)).as("the kit's data has candles to delete").isPositive();

        RetentionReport report = store().applyRetention(POLICY, NOW);

        assertThat(report.refusal()).isEmpty();
        assertThat(report.dryRun()).isFalse();
        assertThat(removed(report)).isEqualTo(expected);
        // A store with rollups reports its rollup tables after the store's tables.
        assertThat(report.tables().subList(0, StoreTable.values().length)).extracting(TableRetention::table)
                .containsExactly(java.util.Arrays.stream(StoreTable.values()).map(StoreTable::tableName)
                        .toArray(String[]::new));
        assertThat(report.tables().subList(0, StoreTable.values().length)).extracting(TableRetention::cutoff)
                .containsExactly(
                Optional.of(NOW.minus(Duration.ofHours(60))), Optional.of(NOW.minus(Duration.ofHours(48))),
                Optional.empty());
        for (StoreTable table : StoreTable.values()) {
            POLICY.cutoff(table, NOW).ifPresent(cutoff ->
                    model.deleteRange(table, TimeRange.of(TimeRange.all().from(), cutoff)));
        }
        assertStoreHoldsExactlyTheModel();
        assertThat(store().candles(io.tradingmetrics.storage.api.CandleQuery.of(TimeRange.all())).get(0).timestamp())
                .as("the candle at the cutoff stays").isEqualTo(NOW.minus(Duration.ofHours(48)));

        RetentionReport again = store().applyRetention(POLICY, NOW);
        assertThat(again.rowsRemoved()).as("a second run at the same instant").isZero();
    }

    @Test
    @DisplayName("a dry run reports what a run would delete and deletes nothing")
    void dryRun() {
        givenThreeDaysOfEverything();

        RetentionReport plan = store().planRetention(POLICY, NOW);

        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.refusal()).isEmpty();
        assertThat(removed(plan)).isEqualTo(expectedRemovals(POLICY, NOW));
        assertNothingDeleted();
    }

    @Test
    @DisplayName("a policy that keeps everything deletes nothing")
    void keepForever() {
        givenThreeDaysOfEverything();

        RetentionReport report = store().applyRetention(RetentionPolicy.keepForever(), NOW.plus(Duration.ofDays(900)));

        assertThat(report.rowsRemoved()).isZero();
        assertThat(report.refusal()).isEmpty();
        assertNothingDeleted();
    }

    @Test
    @DisplayName("one point stamped years ahead does not move the cutoff: recent data stays, the point too")
    void futurePointDoesNotMoveTheCutoff() {
        givenThreeDaysOfEverything();
        MetricPoint future = MetricPoint.of(BASE.plus(Duration.ofDays(3650)), "price", 1.0, "AAPL");
        insert(List.of(future));
        Map<StoreTable, Long> expected = expectedRemovals(POLICY, NOW);

        RetentionReport report = store().applyRetention(POLICY, NOW);

        assertThat(report.refusal()).isEmpty();
        assertThat(removed(report)).isEqualTo(expected);
        assertThat(store().count(StoreTable.TRADING_METRICS, TimeRange.of(NOW.minus(Duration.ofHours(60)),
                TimeRange.all().to()))).as("points newer than the cutoff, the future one included")
                .isEqualTo(model.count(StoreTable.TRADING_METRICS, TimeRange.of(NOW.minus(Duration.ofHours(60)),
                        TimeRange.all().to())));
    }

    @Test
    @DisplayName("a clock far ahead of the newest stored point is refused: nothing deleted in any table")
    void clockFarAheadIsRefused() {
        givenThreeDaysOfEverything();
        Instant tenYearsOn = NOW.plus(Duration.ofDays(3650));

        RetentionReport report = store().applyRetention(POLICY, tenYearsOn);

        assertThat(report.refused()).isTrue();
        assertThat(report.refusal().orElseThrow()).contains("the clock reads " + tenYearsOn)
                .contains("past the newest stored timestamp").contains("--force");
        assertThat(report.rowsRemoved()).isZero();
        assertNothingDeleted();
        assertThat(store().planRetention(POLICY, tenYearsOn).refused()).as("the dry run says so too").isTrue();
    }

    @Test
    @DisplayName("a clock ahead that the writers followed (a future point agrees with it) is refused by the share")
    void clockAheadWithPointsFromTheSameClockIsRefused() {
        givenThreeDaysOfEverything();
        Instant tenYearsOn = NOW.plus(Duration.ofDays(3650));
        insert(List.of(MetricPoint.of(tenYearsOn.minusSeconds(60), "price", 1.0, "AAPL")));

        RetentionReport report = store().applyRetention(POLICY, tenYearsOn);

        assertThat(report.refused()).isTrue();
        assertThat(report.refusal().orElseThrow()).contains("trading_metrics would lose")
                .contains("max-delete-fraction");
        assertNothingDeleted();
    }

    @Test
    @DisplayName("a run deleting more than the allowed share of a table is refused, and runs once without guards")
    void tooMuchAtOnceIsRefusedUnlessConfirmed() {
        givenThreeDaysOfEverything();
        RetentionPolicy shortKeep = RetentionPolicy.keepForever().keeping(StoreTable.CANDLES, Duration.ofHours(6));

        RetentionReport refused = store().applyRetention(shortKeep, NOW);

        assertThat(refused.refusal().orElseThrow()).startsWith("candles would lose "
                + expectedRemovals(shortKeep, NOW).get(StoreTable.CANDLES) + " of its "
                + model.count(StoreTable.CANDLES, TimeRange.all()) + " rows");
        assertNothingDeleted();

        RetentionReport confirmed = store().applyRetention(shortKeep.withGuards(RetentionGuards.NONE), NOW);

        assertThat(confirmed.refusal()).isEmpty();
        assertThat(removed(confirmed)).isEqualTo(expectedRemovals(shortKeep, NOW));
        model.deleteRange(StoreTable.CANDLES, TimeRange.of(TimeRange.all().from(), NOW.minus(Duration.ofHours(6))));
        assertStoreHoldsExactlyTheModel();
    }

    @Test
    @DisplayName("an empty store has nothing to delete and nothing to refuse")
    void emptyStore() {
        RetentionReport report = store().applyRetention(POLICY, NOW.plus(Duration.ofDays(3650)));

        assertThat(report.refusal()).isEmpty();
        assertThat(report.rowsRemoved()).isZero();
        assertThat(report.tables()).extracting(TableRetention::rowsBefore).containsOnly(0L);
    }
}
