package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.StoreTable;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a migration did.
 *
 * @param outcome whether rows were copied, nothing was left to copy, or it was a dry run
 * @param plan the plan it followed
 * @param tables what was done per table, in {@link StoreTable} order
 * @param elapsed the wall-clock time of planning and copying (a verification reports its own)
 * @param verification the comparison of source and target, when asked for
 */
public record MigrationReport(Outcome outcome, MigrationPlan plan, List<TableReport> tables, Duration elapsed,
                              Optional<VerificationReport> verification) {
    /** Whether rows were copied. */
    public enum Outcome {
        /** The chunks left were copied; the migration is complete. */
        COPIED,
        /** An earlier run completed this migration; nothing was copied. */
        ALREADY_COMPLETE,
        /** Nothing was written: the plan only. */
        DRY_RUN
    }

    public MigrationReport {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(plan, "plan is null");
        tables = List.copyOf(tables);
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(verification, "verification is null");
    }

    /**
     * What was done to one table.
     *
     * @param table the table
     * @param rowsCopied the rows written in this run
     * @param chunksCopied the chunks copied in this run
     * @param chunksSkipped the chunks an earlier run had copied
     * @param rowsCleared the rows of half-written chunks removed before copying them again
     * @param elapsed the wall-clock time from the table's first chunk to its last
     */
    public record TableReport(StoreTable table, long rowsCopied, int chunksCopied, int chunksSkipped,
                              long rowsCleared, Duration elapsed) {
        /** @return rows written per second of the table's wall-clock time */
        public double rowsPerSecond() {
            return perSecond(rowsCopied, elapsed);
        }
    }

    /** @return the rows written in this run, over all tables */
    public long rowsCopied() {
        return tables.stream().mapToLong(TableReport::rowsCopied).sum();
    }

    /** @return rows written per second of the whole run */
    public double rowsPerSecond() {
        return perSecond(rowsCopied(), elapsed);
    }

    /** @return whether the run did what it was asked and, when verified, source and target match */
    public boolean succeeded() {
        return verification.map(VerificationReport::matches).orElse(true);
    }

    /** @return the outcome in readable lines */
    public String summary() {
        StringBuilder text = new StringBuilder();
        switch (outcome) {
            case DRY_RUN -> text.append("dry run, nothing was written:\n").append(plan.describe()).append('\n');
            case ALREADY_COMPLETE -> text.append("nothing to copy: this migration was completed by an earlier run "
                    + "(checkpoint ").append(plan.checkpointFile()).append("); run verify to compare source and "
                    + "target, or remove the checkpoint to copy again into an emptied target\n");
            case COPIED -> {
                text.append(String.format("copied %,d rows in %.1f s (%,.0f rows/s)%n", rowsCopied(),
                        seconds(elapsed), rowsPerSecond()));
                for (TableReport table : tables) {
                    text.append(String.format("  %-20s %,d rows, %d chunk(s) copied, %d already done, %.1f s, "
                                    + "%,.0f rows/s%s%n", table.table().tableName(), table.rowsCopied(),
                            table.chunksCopied(), table.chunksSkipped(), seconds(table.elapsed()),
                            table.rowsPerSecond(), table.rowsCleared() > 0
                                    ? ", " + table.rowsCleared() + " half-written rows removed first" : ""));
                }
            }
        }
        verification.ifPresent(v -> text.append(v.summary()).append('\n'));
        return text.toString().stripTrailing();
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    static double perSecond(long rows, Duration duration) {
        double seconds = seconds(duration);
        return seconds <= 0 ? 0 : rows / seconds;
    }
}
