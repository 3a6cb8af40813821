package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.EnumSet;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What to compare.
 *
 * @param tables the tables, in {@link StoreTable} order
 * @param range the time range
 * @param chunkRows the source rows per compared chunk: the granularity with which differences are located
 * @param parallelism how many chunks are compared at once
 */
public record VerifyOptions(List<StoreTable> tables, TimeRange range, long chunkRows, int parallelism) {
    public VerifyOptions {
        requireNonNull(tables, "tables is null");
        requireNonNull(range, "range is null");
        if (tables.isEmpty()) {
            throw new InvalidInputException("no table to verify; name at least one of trading_metrics, candles, "
                    + "performance_history");
        }
        tables = List.copyOf(EnumSet.copyOf(tables));
        if (chunkRows < 1) {
            throw new InvalidInputException("chunk size " + chunkRows + " is not positive");
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new InvalidInputException("parallelism " + parallelism + " is out of range; give 1 to 64");
        }
    }

    /** Every table, every time, default chunk size and parallelism. */
    public static VerifyOptions defaults() {
        return from(MigrationOptions.defaults());
    }

    /** @return the tables, range, chunk size and parallelism of a migration */
    public static VerifyOptions from(MigrationOptions options) {
        return new VerifyOptions(options.tables(), options.range(), options.chunkRows(), options.parallelism());
    }

    public VerifyOptions withTables(List<StoreTable> newTables) {
        return new VerifyOptions(newTables, range, chunkRows, parallelism);
    }

    public VerifyOptions withRange(TimeRange newRange) {
        return new VerifyOptions(tables, newRange, chunkRows, parallelism);
    }

    public VerifyOptions withChunkRows(long newChunkRows) {
        return new VerifyOptions(tables, range, newChunkRows, parallelism);
    }

    public VerifyOptions withParallelism(int newParallelism) {
        return new VerifyOptions(tables, range, chunkRows, newParallelism);
    }
}
