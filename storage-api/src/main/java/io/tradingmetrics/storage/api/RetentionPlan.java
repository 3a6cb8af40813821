package io.tradingmetrics.storage.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The decision of one retention run, made once for every store: the cutoff of each table from the clock, and the
 * {@link RetentionGuards} checked against what the store holds. {@link MetricsStore#applyRetention}'s default and
 * the SQL stores (which gather the facts and delete in one transaction) both decide through it.
 */
public final class RetentionPlan {
    /** What the store holds, as the plan needs it. */
    public interface StoreFacts {
        /** @return the rows the table holds */
        long rows(StoreTable table);

        /** @return the newest timestamp the table holds, empty when it is empty */
        Optional<Instant> newest(StoreTable table);

        /** @return the rows of the table older than the cutoff */
        long rowsBefore(StoreTable table, Instant cutoff);
    }

    private final Instant now;
    private final RetentionPolicy policy;
    private final Map<StoreTable, Long> rows = new EnumMap<>(StoreTable.class);
    private final Map<StoreTable, Instant> cutoffs = new EnumMap<>(StoreTable.class);
    private final Map<StoreTable, Long> removed = new EnumMap<>(StoreTable.class);
    private final Optional<String> refusal;

    private RetentionPlan(RetentionPolicy policy, Instant now, StoreFacts facts) {
        this.policy = policy;
        this.now = now;
        Optional<Instant> newest = Optional.empty();
        StoreTable newestTable = null;
        for (StoreTable table : StoreTable.values()) {
            long count = facts.rows(table);
            rows.put(table, count);
            if (count == 0) {
                continue;
            }
            Optional<Instant> tableNewest = facts.newest(table);
            if (tableNewest.isPresent() && (newest.isEmpty() || tableNewest.get().isAfter(newest.get()))) {
                newest = tableNewest;
                newestTable = table;
            }
            policy.cutoff(table, now).ifPresent(cutoff -> cutoffs.put(table, cutoff));
        }
        String refused = null;
        if (!cutoffs.isEmpty() && newest.isPresent()) {
            refused = clockAhead(newest.get(), newestTable);
        }
        for (Map.Entry<StoreTable, Instant> entry : cutoffs.entrySet()) {
            removed.put(entry.getKey(), facts.rowsBefore(entry.getKey(), entry.getValue()));
        }
        if (refused == null) {
            refused = tooMuchAtOnce();
        }
        this.refusal = Optional.ofNullable(refused);
    }

    /**
     * @param policy the keeps and guards
     * @param now the clock's reading: every cutoff is {@code now - keep}, never derived from stored timestamps
     * @param facts what the store holds
     * @return the decision
     */
    public static RetentionPlan of(RetentionPolicy policy, Instant now, StoreFacts facts) {
        return new RetentionPlan(requireNonNull(policy, "policy is null"), requireNonNull(now, "now is null"),
                requireNonNull(facts, "facts is null"));
    }

    private String clockAhead(Instant newest, StoreTable newestTable) {
        Duration lead = Duration.between(newest, now);
        if (lead.compareTo(policy.guards().maxClockLead()) <= 0) {
            return null;
        }
        return "the clock reads " + now + ", " + human(lead) + " past the newest stored timestamp " + newest + " (in "
                + newestTable.tableName() + "), more than the allowed clock lead of "
                + human(policy.guards().maxClockLead()) + ": either the clock jumped ahead, and its cutoffs would"
                + " delete data newer than the newest point minus its keep, or nothing was written for that long."
                + " Fix the clock; if the store really received nothing since " + newest + ", check the plan with"
                + " a dry run (bin/metrics retention --dry-run) and run it once without guards"
                + " (bin/metrics retention --force), or raise metrics.store.retention.max-clock-lead";
    }

    private String tooMuchAtOnce() {
        double allowed = policy.guards().maxDeleteFraction();
        List<String> over = new ArrayList<>();
        for (Map.Entry<StoreTable, Long> entry : removed.entrySet()) {
            long total = rows.get(entry.getKey());
            if (total > 0 && (double) entry.getValue() / total > allowed) {
                over.add(entry.getKey().tableName() + " would lose " + entry.getValue() + " of its " + total
                        + " rows (" + percent((double) entry.getValue() / total) + ", keep "
                        + human(policy.keep(entry.getKey()).orElseThrow()) + ", cutoff "
                        + cutoffs.get(entry.getKey()) + ")");
            }
        }
        if (over.isEmpty()) {
            return null;
        }
        return String.join("; ", over) + ": more than the " + percent(allowed) + " one run may delete"
                + " (metrics.store.retention.max-delete-fraction). Check the keep and the clock (" + now + "); a first"
                + " run over long history is expected to: confirm it once with bin/metrics retention --force"
                + " (after --dry-run), or raise max-delete-fraction";
    }

    /** @return why the run must delete nothing, and the way out; empty when it may run */
    public Optional<String> refusal() {
        return refusal;
    }

    /** @return the tables to delete from, with the instant before which their rows go; empty when refused */
    public Map<StoreTable, Instant> deletions() {
        return refusal.isPresent() ? Map.of() : Collections.unmodifiableMap(cutoffs);
    }

    /**
     * @param deleted the rows deleted per table, as the deletes reported them (a dry run or a refused run: none)
     * @param dryRun whether the run only read: then the rows that would go are reported as removed
     * @return the report of each table, in {@link StoreTable} order
     */
    public List<TableRetention> tables(Map<StoreTable, Long> deleted, boolean dryRun) {
        List<TableRetention> tables = new ArrayList<>();
        for (StoreTable table : StoreTable.values()) {
            long gone = dryRun ? removed.getOrDefault(table, 0L) : deleted.getOrDefault(table, 0L);
            tables.add(new TableRetention(table.tableName(), policy.keep(table), Optional.ofNullable(cutoffs.get(table)),
                    rows.get(table), gone));
        }
        return tables;
    }

    /** @return a duration as people write it: 30d, 36h, 90m, 45s; long odd ones in days (3652.4d) */
    static String human(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds >= Long.MAX_VALUE / 2) {
            return "unlimited";
        }
        if (seconds >= 86_400 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds >= 2 * 86_400) {
            return String.format(Locale.ROOT, "%.1fd", seconds / 86_400.0);
        }
        if (seconds >= 3_600 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
