package io.tradingmetrics.storage.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one retention run ({@link MetricsStore#applyRetention}) or of its dry run
 * ({@link MetricsStore#planRetention}).
 *
 * @param now the clock's reading the cutoffs were computed from
 * @param dryRun whether the run only read (nothing was deleted)
 * @param tables each table, in {@link StoreTable} order, then any rollup tables
 * @param refusal why the run deleted nothing although its policy asked for it, and the way out; empty when it ran
 *        (a dry run reports the refusal a real run would meet)
 * @param bytesBefore the store's size on disk when the run started, where the store tells it
 * @param bytesAfter the store's size on disk when the run ended (space freed by deletes may only be returned by
 *        {@link MetricsStore#optimize()})
 * @param took how long the run took
 */
public record RetentionReport(Instant now, boolean dryRun, List<TableRetention> tables, Optional<String> refusal,
                              OptionalLong bytesBefore, OptionalLong bytesAfter, Duration took) {
    public RetentionReport {
        requireNonNull(now, "now is null");
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
        requireNonNull(refusal, "refusal is null");
        requireNonNull(bytesBefore, "bytesBefore is null");
        requireNonNull(bytesAfter, "bytesAfter is null");
        requireNonNull(took, "took is null");
    }

    /** @return whether a guard refused the run */
    public boolean refused() {
        return refusal.isPresent();
    }

    /** @return the rows deleted (or, in a dry run, that would be) in every table together */
    public long rowsRemoved() {
        return tables.stream().mapToLong(TableRetention::rowsRemoved).sum();
    }

    /** @return the rows deleted from (or, in a dry run, that would go from) the table, 0 for a table not listed */
    public long rowsRemoved(String table) {
        return tables.stream().filter(t -> t.table().equals(table)).mapToLong(TableRetention::rowsRemoved).sum();
    }

    /** @return the rows deleted from the store table */
    public long rowsRemoved(StoreTable table) {
        return rowsRemoved(table.tableName());
    }

    /** @return the bytes the run returned to the file system, when the store tells its size; may be negative */
    public OptionalLong bytesReclaimed() {
        return bytesBefore.isPresent() && bytesAfter.isPresent()
                ? OptionalLong.of(bytesBefore.getAsLong() - bytesAfter.getAsLong()) : OptionalLong.empty();
    }

    /**
     * @return the run in one line: rows removed per table (with the cutoff), or the refusal, for logs
     */
    public String summary() {
        String rows = tables.stream().map(t -> t.table() + " " + t.rowsRemoved()
                        + (t.cutoff().map(c -> " (before " + c + ")").orElse(t.keep().isEmpty() ? " (kept forever)" : "")))
                .collect(Collectors.joining(", "));
        if (refused()) {
            return (dryRun ? "would be REFUSED, nothing deleted: " : "REFUSED, removed nothing: ") + refusal.get();
        }
        return (dryRun ? "would remove rows: " : "removed rows: ") + (rows.isEmpty() ? "none" : rows);
    }
}
