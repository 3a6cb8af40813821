package io.tradingmetrics.storage.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one retention run did (or, in a dry run, would do) to one table.
 *
 * @param table the table's name in the store, for example {@code trading_metrics} (a store with rollups adds its
 *        rollup tables)
 * @param keep how long the table's rows are kept, empty for forever
 * @param cutoff the rows before this instant are deleted; empty when nothing is
 * @param rowsBefore the rows the table held when the run started
 * @param rowsRemoved the rows deleted (a dry run: the rows that would be; a refused run: none)
 */
public record TableRetention(String table, Optional<Duration> keep, Optional<Instant> cutoff, long rowsBefore,
                             long rowsRemoved) {
    public TableRetention {
        requireNonNull(table, "table is null");
        requireNonNull(keep, "keep is null");
        requireNonNull(cutoff, "cutoff is null");
        if (rowsBefore < 0 || rowsRemoved < 0) {
            throw new IllegalArgumentException("row counts are negative: " + rowsBefore + ", " + rowsRemoved);
        }
    }
}
