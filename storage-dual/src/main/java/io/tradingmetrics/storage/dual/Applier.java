package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Applies outbox records to a store: as they are (a primary), or mirrored (the secondary, split at the boundary). */
final class Applier {
    private static final int COPY_BATCH = 20_000;

    private Applier() {}

    /** Applies the write as the caller made it, with its write id. */
    static void direct(MetricsStore store, MirroredWrite write) {
        if (write instanceof MirroredWrite.Points p) {
            store.insertMetrics(p.points(), p.writeId());
        } else if (write instanceof MirroredWrite.Candles c) {
            store.upsertCandles(c.candles(), c.writeId());
        } else if (write instanceof MirroredWrite.Performance s) {
            store.upsertPerformance(s.snapshots(), s.writeId());
        } else if (write instanceof MirroredWrite.DeleteRange d) {
            store.deleteRange(d.table(), d.range());
        } else if (write instanceof MirroredWrite.DeleteOlder o) {
            store.deleteOlderThan(o.cutoff());
        }
    }

    /**
     * Applies the write to the secondary: rows at or after each table's boundary as they are (with the write's id),
     * and every range before it replaced with the primary's rows, read now (the write committed on the primary before
     * it was replayed), so that a late write never doubles or undoes what a copy of the primary put there.
     */
    static void mirrored(MetricsStore primary, MetricsStore secondary, MirroredWrite write,
                         Function<StoreTable, Instant> boundaries) {
        if (write instanceof MirroredWrite.Points p) {
            Instant boundary = boundaries.apply(StoreTable.TRADING_METRICS);
            List<MetricPoint> above = split(p.points(), x -> !x.timestamp().isBefore(boundary));
            if (!above.isEmpty()) {
                secondary.insertMetrics(above, p.writeId());
            }
            replaceLate(primary, secondary, StoreTable.TRADING_METRICS,
                    p.points().stream().map(MetricPoint::timestamp).filter(t -> t.isBefore(boundary)).toList());
        } else if (write instanceof MirroredWrite.Candles c) {
            Instant boundary = boundaries.apply(StoreTable.CANDLES);
            List<Candle> above = split(c.candles(), x -> !x.timestamp().isBefore(boundary));
            if (!above.isEmpty()) {
                secondary.upsertCandles(above, c.writeId());
            }
            replaceLate(primary, secondary, StoreTable.CANDLES,
                    c.candles().stream().map(Candle::timestamp).filter(t -> t.isBefore(boundary)).toList());
        } else if (write instanceof MirroredWrite.Performance s) {
            Instant boundary = boundaries.apply(StoreTable.PERFORMANCE_HISTORY);
            List<PerformanceSnapshot> above = split(s.snapshots(), x -> !x.timestamp().isBefore(boundary));
            if (!above.isEmpty()) {
                secondary.upsertPerformance(above, s.writeId());
            }
            replaceLate(primary, secondary, StoreTable.PERFORMANCE_HISTORY,
                    s.snapshots().stream().map(PerformanceSnapshot::timestamp).filter(t -> t.isBefore(boundary))
                            .toList());
        } else if (write instanceof MirroredWrite.DeleteRange d) {
            deleteMirrored(primary, secondary, d.table(), d.range(), boundaries.apply(d.table()));
        } else if (write instanceof MirroredWrite.DeleteOlder o) {
            boolean allMirrored = true;
            for (StoreTable table : StoreTable.values()) {
                allMirrored &= boundaries.apply(table).equals(TimeRange.all().from());
            }
            if (allMirrored) {
                secondary.deleteOlderThan(o.cutoff());
                return;
            }
            for (StoreTable table : StoreTable.values()) {
                deleteMirrored(primary, secondary, table, TimeRange.of(TimeRange.all().from(), o.cutoff()),
                        boundaries.apply(table));
            }
        }
    }

    private static void deleteMirrored(MetricsStore primary, MetricsStore secondary, StoreTable table,
                                       TimeRange range, Instant boundary) {
        Ranges.from(range, boundary).ifPresent(r -> secondary.deleteRange(table, r));
        Ranges.before(range, boundary).ifPresent(r -> replace(primary, secondary, table, r));
    }

    private static void replaceLate(MetricsStore primary, MetricsStore secondary, StoreTable table,
                                    List<Instant> late) {
        for (TimeRange range : Ranges.clusters(late)) {
            replace(primary, secondary, table, range);
        }
    }

    /**
     * Makes the secondary's rows of the table in the range those of the primary: deletes them, then copies the
     * primary's. Not atomic; the outbox replays the record again after a crash, and replacing again gives the same.
     */
    static void replace(MetricsStore primary, MetricsStore secondary, StoreTable table, TimeRange range) {
        secondary.deleteRange(table, range);
        switch (table) {
            case TRADING_METRICS -> copy(primary.streamMetrics(range), secondary::insertMetrics);
            case CANDLES -> copy(primary.streamCandles(range), secondary::upsertCandles);
            case PERFORMANCE_HISTORY -> copy(primary.streamPerformance(range), secondary::upsertPerformance);
        }
    }

    private static <T> void copy(Stream<T> rows, Function<List<T>, Long> write) {
        try (rows) {
            Iterator<T> iterator = rows.iterator();
            List<T> batch = new ArrayList<>(COPY_BATCH);
            while (iterator.hasNext()) {
                batch.add(iterator.next());
                if (batch.size() == COPY_BATCH) {
                    write.apply(batch);
                    batch = new ArrayList<>(COPY_BATCH);
                }
            }
            if (!batch.isEmpty()) {
                write.apply(batch);
            }
        }
    }

    private static <T> List<T> split(List<T> rows, Predicate<T> keep) {
        boolean all = true;
        for (T row : rows) {
            if (!keep.test(row)) {
                all = false;
                break;
            }
        }
        return all ? rows : rows.stream().filter(keep).toList();
    }
}
