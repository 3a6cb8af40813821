package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The comparison of two row sources, table by table and chunk by chunk.
 *
 * @param sourceId the source's identity
 * @param targetId the target's identity
 * @param range the compared time range
 * @param tables one entry per table, in {@link StoreTable} order
 * @param elapsed how long the comparison took
 */
public record VerificationReport(String sourceId, String targetId, TimeRange range, List<TableVerification> tables,
                                 Duration elapsed) {
    public VerificationReport {
        requireNonNull(sourceId, "sourceId is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(range, "range is null");
        tables = List.copyOf(tables);
        requireNonNull(elapsed, "elapsed is null");
    }

    /**
     * The comparison of one table.
     *
     * @param table the table
     * @param source the source's rows in the range
     * @param target the target's rows in the range
     * @param chunks how many chunks were compared
     * @param mismatchedChunks how many chunks differ
     * @param mismatches the first differing chunks, in time order, explained
     * @param differing every differing chunk with both sides' digests, in time order, to compare again
     */
    public record TableVerification(StoreTable table, Digest source, Digest target, int chunks,
                                    int mismatchedChunks, List<ChunkMismatch> mismatches,
                                    List<ChunkDigests> differing) {
        public TableVerification {
            requireNonNull(table, "table is null");
            requireNonNull(source, "source is null");
            requireNonNull(target, "target is null");
            mismatches = List.copyOf(mismatches);
            differing = List.copyOf(differing);
        }

        /** @return whether both sides hold the same rows */
        public boolean matches() {
            return mismatchedChunks == 0 && source.equals(target);
        }
    }

    /**
     * One compared chunk.
     *
     * @param range the chunk's time range
     * @param source the source's rows in it
     * @param target the target's rows in it
     */
    public record ChunkDigests(TimeRange range, Digest source, Digest target) {
        public ChunkDigests {
            requireNonNull(range, "range is null");
            requireNonNull(source, "source is null");
            requireNonNull(target, "target is null");
        }
    }

    /** @return whether every table matches */
    public boolean matches() {
        return tables.stream().allMatch(TableVerification::matches);
    }

    /** @return the outcome in readable lines */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(matches() ? "verified: source and target match" : "MISMATCH: source and target differ")
                .append(String.format(" (%s vs %s, %s, %.1f s)%n", sourceId, targetId, TimeRanges.format(range),
                        MigrationReport.seconds(elapsed)));
        for (TableVerification table : tables) {
            text.append(String.format("  %-20s %s: source %,d rows (checksum %s), target %,d rows (checksum %s), "
                            + "%d chunk(s) compared%s%n", table.table().tableName(), table.matches() ? "ok" : "DIFFERS",
                    table.source().rows(), table.source().checksumHex(), table.target().rows(),
                    table.target().checksumHex(), table.chunks(),
                    table.mismatchedChunks() > 0 ? ", " + table.mismatchedChunks() + " differ" : ""));
            for (ChunkMismatch mismatch : table.mismatches()) {
                text.append("    ").append(mismatch.describe()).append('\n');
            }
        }
        return text.toString().stripTrailing();
    }
}
