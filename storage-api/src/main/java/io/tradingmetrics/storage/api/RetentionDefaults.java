package io.tradingmetrics.storage.api;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@link MetricsStore#applyRetention}'s default, on the other operations of the interface only. */
final class RetentionDefaults {
    private RetentionDefaults() {}

    static RetentionReport run(MetricsStore store, RetentionPolicy policy, Instant now, boolean dryRun) {
        requireNonNull(policy, "policy is null");
        requireNonNull(now, "now is null");
        long started = System.nanoTime();
        Map<StoreTable, TableStats> stats = new EnumMap<>(StoreTable.class);
        store.stats().forEach(s -> stats.put(s.table(), s));
        RetentionPlan plan = RetentionPlan.of(policy, now, new RetentionPlan.StoreFacts() {
            @Override
            public long rows(StoreTable table) {
                return stats.get(table).rowCount();
            }

            @Override
            public Optional<Instant> newest(StoreTable table) {
                return stats.get(table).maxTimestamp();
            }

            @Override
            public long rowsBefore(StoreTable table, Instant cutoff) {
                return store.count(table, TimeRange.of(TimeRange.all().from(), cutoff));
            }
        });
        var before = store.bytesOnDisk();
        Map<StoreTable, Long> deleted = new EnumMap<>(StoreTable.class);
        if (!dryRun) {
            plan.deletions().forEach((table, cutoff) ->
                    deleted.put(table, store.deleteRange(table, TimeRange.of(TimeRange.all().from(), cutoff))));
        }
        return new RetentionReport(now, dryRun, plan.tables(deleted, dryRun), plan.refusal(), before,
                dryRun ? before : store.bytesOnDisk(), Duration.ofNanos(System.nanoTime() - started));
    }
}
