package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A chunk whose rows differ between source and target.
 *
 * @param table the table
 * @param range the chunk's time range
 * @param source the source's rows in the range
 * @param target the target's rows in the range
 * @param narrowedTo a smaller range within the chunk where a difference lies, when one was found
 * @param onlyInSource some rows of the narrowed range that the target lacks (or has fewer of)
 * @param onlyInTarget some rows of the narrowed range that the source lacks (or has fewer of)
 */
public record ChunkMismatch(StoreTable table, TimeRange range, Digest source, Digest target,
                            Optional<TimeRange> narrowedTo, List<String> onlyInSource, List<String> onlyInTarget) {
    public ChunkMismatch {
        requireNonNull(table, "table is null");
        requireNonNull(range, "range is null");
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(narrowedTo, "narrowedTo is null");
        onlyInSource = List.copyOf(onlyInSource);
        onlyInTarget = List.copyOf(onlyInTarget);
    }

    /** @return the difference in readable lines */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(table.tableName()).append(' ').append(TimeRanges.format(range)).append(": source ")
                .append(String.format("%,d", source.rows())).append(" rows, target ")
                .append(String.format("%,d", target.rows())).append(" rows; ");
        long difference = target.rows() - source.rows();
        if (difference > 0) {
            text.append("the target has ").append(difference).append(" more");
        } else if (difference < 0) {
            text.append("the source has ").append(-difference).append(" more");
        } else {
            text.append("same count, different values");
        }
        narrowedTo.ifPresent(r -> text.append("; a difference lies in ").append(TimeRanges.format(r)));
        onlyInSource.forEach(row -> text.append("\n      only in source: ").append(row));
        onlyInTarget.forEach(row -> text.append("\n      only in target: ").append(row));
        return text.toString();
    }
}
