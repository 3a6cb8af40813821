package io.tradingmetrics.migration.parquet;

import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.storage.api.StoreTable;
import org.duckdb.DuckDBAppender;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Writes the rows of one table to a Parquet file, with DuckDB as the Parquet engine: rows go through the Appender
 * into a table of a scratch database file (memory capped, spilling to disk), then {@code COPY ... TO} writes the
 * Parquet file in the order the rows came.
 *
 * @param <T> the row type
 */
public final class ParquetTableWriter<T> implements AutoCloseable {
    private final Path file;
    private final StoreTable table;
    private final ScratchDuckDb database;
    private final DuckDbRows<T> rows;
    private final DuckDBAppender appender;
    private boolean finished;

    /** @param scratchFile the scratch database file, deleted on close */
    public ParquetTableWriter(Path file, StoreTable table, Path scratchFile) {
        this.file = file;
        this.table = table;
        this.rows = DuckDbRows.of(table);
        this.database = ScratchDuckDb.create(scratchFile);
        try {
            database.execute("CREATE TABLE " + table.tableName() + " (" + rows.columnDefinitions() + ")");
            this.appender = database.appender(table.tableName());
        } catch (SQLException e) {
            database.close();
            throw new MigrationException("cannot prepare " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(T row) throws SQLException {
        rows.append(appender, row);
    }

    /** Writes the Parquet file. */
    public void finish() {
        try {
            appender.close();
            database.execute("COPY " + table.tableName() + " TO " + ScratchDuckDb.literal(file)
                    + " (FORMAT parquet, COMPRESSION zstd)");
            finished = true;
        } catch (SQLException e) {
            throw new MigrationException("cannot write " + file + ": " + e.getMessage()
                    + "; check free disk space", e);
        }
    }

    @Override
    public void close() {
        if (!finished) {
            try {
                appender.close();
            } catch (SQLException e) {
                // Abandoned; the scratch database is deleted next.
            }
        }
        database.close();
    }
}
