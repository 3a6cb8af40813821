package io.tradingmetrics.storage.api;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The size of one table.
 *
 * @param table the table
 * @param rowCount how many rows it holds
 * @param minTimestamp the earliest timestamp, empty when the table is empty
 * @param maxTimestamp the latest timestamp, empty when the table is empty
 * @param bytesOnDisk the space it takes, empty when the store cannot tell it per table
 */
public record TableStats(StoreTable table, long rowCount, Optional<Instant> minTimestamp,
                         Optional<Instant> maxTimestamp, OptionalLong bytesOnDisk) {
    public TableStats {
        requireNonNull(table, "table is null");
        requireNonNull(minTimestamp, "minTimestamp is null");
        requireNonNull(maxTimestamp, "maxTimestamp is null");
        requireNonNull(bytesOnDisk, "bytesOnDisk is null");
    }
}
