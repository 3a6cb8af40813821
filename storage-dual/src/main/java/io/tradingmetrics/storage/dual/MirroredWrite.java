package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.WriteId;

import java.time.Instant;
import java.util.List;

/** One write call as the outbox keeps it, to be applied to the other store in the same order. */
sealed interface MirroredWrite {
    /** Appended points, with the primary write's id. */
    record Points(WriteId writeId, List<MetricPoint> points) implements MirroredWrite {}

    /** Upserted candles, with the primary write's id. */
    record Candles(WriteId writeId, List<Candle> candles) implements MirroredWrite {}

    /** Upserted snapshots, with the primary write's id. */
    record Performance(WriteId writeId, List<PerformanceSnapshot> snapshots) implements MirroredWrite {}

    /** {@code deleteRange(table, range)}. */
    record DeleteRange(StoreTable table, TimeRange range) implements MirroredWrite {}

    /** {@code deleteOlderThan(cutoff)}. */
    record DeleteOlder(Instant cutoff) implements MirroredWrite {}

    /** @return the time range each table's rows touched by this write lie in, [from, to) */
    default java.util.Map<StoreTable, TimeRange> touched() {
        java.util.EnumMap<StoreTable, TimeRange> touched = new java.util.EnumMap<>(StoreTable.class);
        if (this instanceof Points p) {
            span(p.points().stream().map(MetricPoint::timestamp).toList())
                    .ifPresent(r -> touched.put(StoreTable.TRADING_METRICS, r));
        } else if (this instanceof Candles c) {
            span(c.candles().stream().map(Candle::timestamp).toList())
                    .ifPresent(r -> touched.put(StoreTable.CANDLES, r));
        } else if (this instanceof Performance s) {
            span(s.snapshots().stream().map(PerformanceSnapshot::timestamp).toList())
                    .ifPresent(r -> touched.put(StoreTable.PERFORMANCE_HISTORY, r));
        } else if (this instanceof DeleteRange d) {
            touched.put(d.table(), d.range());
        } else if (this instanceof DeleteOlder o) {
            for (StoreTable table : StoreTable.values()) {
                touched.put(table, TimeRange.of(TimeRange.all().from(), o.cutoff()));
            }
        }
        return touched;
    }

    private static java.util.Optional<TimeRange> span(List<Instant> instants) {
        Instant min = null;
        Instant max = null;
        for (Instant instant : instants) {
            min = min == null || instant.isBefore(min) ? instant : min;
            max = max == null || instant.isAfter(max) ? instant : max;
        }
        return min == null ? java.util.Optional.empty()
                : java.util.Optional.of(TimeRange.of(min, max.plusNanos(1000)));
    }
}
