package io.tradingmetrics.migration.parquet;

import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.migration.csv.BadRowException;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreTable;
import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the rows of one table from a Parquet file with DuckDB's {@code read_parquet}, streamed. Columns are matched
 * by name and cast to the table's types (a naive TIMESTAMP is read as UTC); the row number stands in for the line
 * in errors.
 *
 * @param <T> the row type
 */
public final class ParquetTableReader<T> implements AutoCloseable {
    private final String fileName;
    private final DuckDbRows<T> rows;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet result;
    private long rowNumber;

    /** Opens the file in the staging area's engine; a {@link BadRowException} when it is no Parquet file of the table. */
    public ParquetTableReader(Path file, StoreTable table, StagingArea engine) {
        this.fileName = file.getFileName().toString();
        this.rows = DuckDbRows.of(table);
        try {
            this.connection = engine.database().connection().unwrap(DuckDBConnection.class).duplicate();
            this.statement = connection.createStatement();
            Set<String> present = columns(file, table);
            this.result = statement.executeQuery("SELECT " + rows.selectList(present) + " FROM read_parquet("
                    + ScratchDuckDb.literal(file) + ")");
        } catch (SQLException e) {
            throw new BadRowException(fileName, 0, Optional.empty(), "cannot be read as Parquet ("
                    + e.getMessage() + "); is it a Parquet file of table " + table.tableName() + "?");
        }
    }

    private Set<String> columns(Path file, StoreTable table) throws SQLException {
        Set<String> present = new HashSet<>();
        try (ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet("
                + ScratchDuckDb.literal(file) + ")")) {
            while (described.next()) {
                present.add(described.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        for (DuckDbRows.Column column : rows.columns()) {
            if (column.notNull() && !present.contains(column.name())) {
                throw new BadRowException(fileName, 0, Optional.of(column.name()), "the file lacks column '"
                        + column.name() + "' that table " + table.tableName() + " needs; is it a file of another "
                        + "table?");
            }
        }
        for (String name : present) {
            if (rows.columns().stream().noneMatch(c -> c.name().equals(name)) && !name.equals("id")
                    && !name.equals("index") && !name.startsWith("__index_level")) {
                throw new BadRowException(fileName, 0, Optional.of(name), "unknown column '" + name
                        + "'; remove it (or rename it) so that no data is dropped unnoticed");
            }
        }
        return present;
    }

    /** @return the next row, empty at the end */
    public Optional<T> next() {
        try {
            if (!result.next()) {
                return Optional.empty();
            }
            rowNumber++;
            for (int i = 0; i < rows.columns().size(); i++) {
                DuckDbRows.Column column = rows.columns().get(i);
                if (column.notNull() && result.getObject(i + 1) == null) {
                    throw new BadRowException(fileName, rowNumber, Optional.of(column.name()),
                            "the value is missing (null); this column needs a value");
                }
            }
            return Optional.of(rows.read(result));
        } catch (SQLException e) {
            throw new BadRowException(fileName, rowNumber + 1, Optional.empty(), e.getMessage());
        } catch (MetricsStoreException e) {
            throw new BadRowException(fileName, rowNumber, Optional.empty(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadRowException(fileName, rowNumber, Optional.of("labels"), e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new MigrationException("cannot close the Parquet reader of " + fileName, e);
        }
    }
}
