package io.tradingmetrics.migration.files;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.util.EnumSet;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What to export.
 *
 * @param format the file format
 * @param tables the tables, one file each, in {@link StoreTable} order
 * @param range the time range
 */
public record ExportOptions(FileFormat format, List<StoreTable> tables, TimeRange range) {
    public ExportOptions {
        requireNonNull(format, "format is null");
        requireNonNull(tables, "tables is null");
        requireNonNull(range, "range is null");
        if (tables.isEmpty()) {
            throw new InvalidInputException("no table to export; name at least one of trading_metrics, candles, "
                    + "performance_history");
        }
        tables = List.copyOf(EnumSet.copyOf(tables));
    }

    /** Every table, every time, as Parquet. */
    public static ExportOptions defaults() {
        return new ExportOptions(FileFormat.PARQUET, List.of(StoreTable.values()), TimeRange.all());
    }

    public ExportOptions withFormat(FileFormat newFormat) {
        return new ExportOptions(newFormat, tables, range);
    }

    public ExportOptions withTables(List<StoreTable> newTables) {
        return new ExportOptions(format, newTables, range);
    }

    public ExportOptions withRange(TimeRange newRange) {
        return new ExportOptions(format, tables, newRange);
    }
}
