/**
 * The CSV form of the three tables, read and written by the undo log of appends and by CSV exports and imports:
 * RFC 4180 records ({@link io.tradingmetrics.migration.csv.CsvReader}, {@link io.tradingmetrics.migration.csv.CsvWriter}),
 * field values that read back bit for bit ({@link io.tradingmetrics.migration.csv.CsvValues}), and each table's
 * columns ({@link io.tradingmetrics.migration.csv.CsvTableFormat}), tolerant of the headers psql and pandas write. A
 * row that cannot be read is a {@link io.tradingmetrics.migration.csv.BadRowException} naming file, line and column.
 * Uses nothing of the copy engine.
 */
package io.tradingmetrics.migration.csv;
