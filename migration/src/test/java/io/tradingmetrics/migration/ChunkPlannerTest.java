package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkPlannerTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    /** Timestamps of rows: a sparse month, then a burst of 5000 rows within one second, then 10 at one instant. */
    private static List<Instant> skewedRows() {
        List<Instant> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(START.plusSeconds(i * 2_592L));
        }
        Instant burst = START.plusSeconds(86_400L * 40);
        for (int i = 0; i < 5000; i++) {
            rows.add(burst.plusNanos(i * 200_000L));
        }
        for (int i = 0; i < 10; i++) {
            rows.add(burst.plusSeconds(10));
        }
        return rows;
    }

    private static long count(List<Instant> rows, TimeRange range) {
        return rows.stream().filter(range::contains).count();
    }

    @Test
    void chunksTileTheRequestedRangeAndHoldAtMostTheChunkRows() {
        List<Instant> rows = skewedRows();
        ChunkPlanner planner = new ChunkPlanner(300, range -> count(rows, range));
        TimeRange requested = TimeRange.all();
        Optional<TimeRange> extent = Optional.of(TimeRanges.enclosing(rows.get(0), rows.get(rows.size() - 1)));
        List<ChunkPlanner.Span> spans = planner.plan(requested, extent);

        assertThat(spans.get(0).range().from()).isEqualTo(requested.from());
        assertThat(spans.get(spans.size() - 1).range().to()).isEqualTo(requested.to());
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i).range().from()).isEqualTo(spans.get(i - 1).range().to());
        }
        long total = 0;
        for (ChunkPlanner.Span span : spans) {
            assertThat(span.rows()).isEqualTo(count(rows, span.range())).isLessThanOrEqualTo(300);
            total += span.rows();
        }
        assertThat(total).isEqualTo(rows.size());
        // Neighbours are merged whenever they fit together, so chunks are not needlessly small.
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i - 1).rows() + spans.get(i).rows()).isGreaterThan(300);
        }
    }

    @Test
    void rowsAtOneInstantStayInOneChunkEvenWhenMoreThanTheChunkRows() {
        List<Instant> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(START);
        }
        ChunkPlanner planner = new ChunkPlanner(10, range -> count(rows, range));
        List<ChunkPlanner.Span> spans = planner.plan(TimeRange.all(), Optional.of(TimeRanges.enclosing(START,
                START)));
        assertThat(spans).hasSize(1);
        assertThat(spans.get(0).rows()).isEqualTo(50);
    }

    @Test
    void anEmptySourceGivesOneEmptyChunkOverTheRequestedRange() {
        TimeRange requested = TimeRange.of(START, START.plusSeconds(60));
        List<ChunkPlanner.Span> spans = new ChunkPlanner(10, range -> 0).plan(requested, Optional.empty());
        assertThat(spans).containsExactly(new ChunkPlanner.Span(requested, 0));
    }
}
