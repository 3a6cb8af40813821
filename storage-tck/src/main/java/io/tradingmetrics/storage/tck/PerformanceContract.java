package io.tradingmetrics.storage.tck;

import io.tradingmetrics.storage.tck.support.KitAssertions;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** Portfolio snapshots: upserts, history and the summary. */
public abstract class PerformanceContract extends StoreContract {

    protected PerformanceContract(StoreFixture fixture) {
        super(fixture);
    }

    private void givenAWeekOfHourlySnapshots() {
        upsertPerformance(data.shuffled(data.snapshots(7 * 24, BASE, Duration.ofHours(1))));
    }

    @Test
    @DisplayName("history returns the snapshots of the half-open range, oldest first")
    void history() {
        givenAWeekOfHourlySnapshots();
        TimeRange range = TimeRange.of(BASE.plus(Duration.ofHours(5)), BASE.plus(Duration.ofHours(77)));

        assertThat(store().performanceHistory(range)).hasSize(72)
                .containsExactlyElementsOf(model.performanceHistory(range));
        assertThat(store().performanceHistory(TimeRange.all()))
                .containsExactlyElementsOf(model.performanceHistory(TimeRange.all()));
    }

    @Test
    @DisplayName("within one batch the last snapshot of a timestamp wins and is counted once")
    void lastWinsWithinBatch() {
        PerformanceSnapshot first = PerformanceSnapshot.of(BASE, 100, 1, 1.0, -0.1, 0.5, 10);
        PerformanceSnapshot middle = PerformanceSnapshot.of(BASE.plusSeconds(60), 200, 2, 2.0, -0.2, 0.6, 20);
        PerformanceSnapshot last = PerformanceSnapshot.of(BASE, 300, 3, 3.0, -0.3, 0.7, 30);

        assertThat(store().upsertPerformance(List.of(first, middle, last))).isEqualTo(2);
        assertThat(store().performanceHistory(TimeRange.all())).containsExactly(last, middle);
    }

    @Test
    @DisplayName("a later batch replaces the stored snapshot of the same timestamp, optional figures included")
    void laterBatchReplaces() {
        PerformanceSnapshot full = PerformanceSnapshot.of(BASE, 100, 1, 1.0, -0.1, 0.5, 10);
        PerformanceSnapshot other = PerformanceSnapshot.of(BASE.plusSeconds(1), 101, 1, 1.0, -0.1, 0.5, 10);
        store().upsertPerformance(List.of(full, other));
        PerformanceSnapshot bare = new PerformanceSnapshot(BASE, 90, -10, OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty());

        store().upsertPerformance(bare);

        assertThat(store().performanceHistory(TimeRange.all())).containsExactly(bare, other);
    }

    @Test
    @DisplayName("the summary gives every figure as the PerformanceSummary javadoc defines it")
    void summary() {
        givenAWeekOfHourlySnapshots();
        for (TimeRange range : List.of(TimeRange.all(),
                TimeRange.of(BASE.plus(Duration.ofHours(30)), BASE.plus(Duration.ofHours(100))),
                TimeRange.of(BASE.plus(Duration.ofHours(7)), BASE.plus(Duration.ofHours(8))))) {
            Optional<PerformanceSummary> actual = store().performanceSummary(range);
            PerformanceSummary expected = model.performanceSummary(range).orElseThrow();
            assertThat(actual).as(range.toString()).isPresent();
            double pnlScale = model.performanceHistory(range).stream().mapToDouble(s -> Math.abs(s.pnl())).max()
                    .orElseThrow();
            KitAssertions.assertSummary(actual.get(), expected, pnlScale);
        }
    }

    @Test
    @DisplayName("without optional figures the summary has no averages and no drawdown, and zero trades")
    void summaryWithoutOptionalFigures() {
        upsertPerformance(List.of(
                new PerformanceSnapshot(BASE, 1_000, 5, OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalInt.empty()),
                new PerformanceSnapshot(BASE.plusSeconds(60), 1_100, 100, OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty())));

        PerformanceSummary summary = store().performanceSummary(TimeRange.all()).orElseThrow();

        KitAssertions.assertSummary(summary, model.performanceSummary(TimeRange.all()).orElseThrow(), 100);
        assertThat(summary.averageSharpe()).isEmpty();
        assertThat(summary.worstDrawdown()).isEmpty();
        assertThat(summary.averageWinRate()).isEmpty();
        assertThat(summary.totalTrades()).isZero();
    }

    @Test
    @DisplayName("a summary starting from a portfolio value of zero has no return percentage")
    void zeroStartValue() {
        upsertPerformance(List.of(PerformanceSnapshot.of(BASE, 0.0, 0, 0.5, -0.01, 0.5, 1),
                PerformanceSnapshot.of(BASE.plusSeconds(60), 500, 500, 1.5, -0.02, 0.6, 3)));

        PerformanceSummary summary = store().performanceSummary(TimeRange.all()).orElseThrow();

        KitAssertions.assertSummary(summary, model.performanceSummary(TimeRange.all()).orElseThrow(), 500);
        assertThat(summary.returnPercent()).isEmpty();
    }

    @Test
    @DisplayName("the summary of a single snapshot starts and ends with it")
    void singleSnapshot() {
        upsertPerformance(List.of(PerformanceSnapshot.of(BASE, 250_000, -12.5, 0.9, -0.05, 0.45, 7)));

        KitAssertions.assertSummary(store().performanceSummary(TimeRange.all()).orElseThrow(),
                model.performanceSummary(TimeRange.all()).orElseThrow(), 12.5);
    }

    @Test
    @DisplayName("a range without snapshots, or an empty range, has no summary and no history")
    void emptyRange() {
        givenAWeekOfHourlySnapshots();
        TimeRange before = TimeRange.of(BASE.minus(Duration.ofDays(3)), BASE);
        TimeRange empty = TimeRange.of(BASE.plus(Duration.ofHours(3)), BASE.plus(Duration.ofHours(3)));

        assertThat(store().performanceSummary(before)).isEmpty();
        assertThat(store().performanceSummary(empty)).isEmpty();
        assertThat(store().performanceHistory(before)).isEmpty();
        assertThat(store().performanceHistory(empty)).isEmpty();
    }

    @Test
    @DisplayName("an empty store has no summary")
    void emptyStore() {
        assertThat(store().performanceSummary(TimeRange.all())).isEmpty();
    }
}
