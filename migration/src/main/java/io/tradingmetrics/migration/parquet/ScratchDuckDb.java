package io.tradingmetrics.migration.parquet;

import io.tradingmetrics.migration.MigrationException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * An embedded DuckDB database in a temporary file, used as the Parquet engine and as the staging area of imports;
 * never as a store. Its memory is capped (it spills to disk beyond the cap) and the file is deleted on close.
 */
final class ScratchDuckDb implements AutoCloseable {
    private static final String MEMORY_LIMIT = "256MB";

    private final Path file;
    private final Connection connection;

    private ScratchDuckDb(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Creates the database file (replacing a leftover of an interrupted run). */
    static ScratchDuckDb create(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            deleteFiles(file);
            Properties properties = new Properties();
            properties.setProperty("jdbc_stream_results", "true");
            Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), properties);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TimeZone = 'UTC'");
                statement.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
                statement.execute("SET threads = 2");
                statement.execute("SET preserve_insertion_order = true");
            }
            return new ScratchDuckDb(file, connection);
        } catch (SQLException | IOException e) {
            throw new MigrationException("cannot create the scratch database " + file + ": " + e.getMessage()
                    + "; check that the directory is writable and has free space", e);
        }
    }

    Connection connection() {
        return connection;
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    DuckDBAppender appender(String table) throws SQLException {
        return connection.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    /** @return a path as a single-quoted SQL literal (table functions and COPY take no parameters for paths) */
    static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // The file is deleted next; nothing in it is kept.
        }
        try {
            deleteFiles(file);
        } catch (IOException e) {
            // A leftover scratch file is replaced by the next run.
        }
    }

    private static void deleteFiles(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
    }
}
