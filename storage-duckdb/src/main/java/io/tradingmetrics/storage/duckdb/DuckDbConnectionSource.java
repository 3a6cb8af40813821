package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.jdbc.ConnectionSource;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * Connections to one DuckDB database: the database is opened once (one process may hold a file read-write), and each
 * operation gets a duplicate of that root connection, because a DuckDB connection must not be used by two threads at
 * once. Duplicates are kept for reuse; they are cheap, but a pool saves setting the session up each time.
 */
final class DuckDbConnectionSource implements ConnectionSource {
    /** Idle duplicates kept for reuse; more are closed when given back. */
    private static final int MAX_IDLE = 16;

    private final DuckDBConnection root;
    private final String description;
    private final Deque<DuckDBConnection> idle = new ConcurrentLinkedDeque<>();
    /** The prepared reads kept by each pooled session ({@link ReadStatements}), closed with it. */
    private final Map<DuckDBConnection, ReadStatements> reads = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Statements each new session runs after its set-up, for example views over a schema read as it is. */
    private volatile List<String> sessionStatements = List.of();

    private DuckDbConnectionSource(DuckDBConnection root, String description) {
        this.root = root;
        this.description = description;
    }

    /**
     * Opens the database the configuration names, creating the file's folders.
     *
     * @throws SQLException as DuckDB reports it (a locked file, a file that cannot be created)
     */
    static DuckDbConnectionSource open(DuckDbStoreConfig config) throws SQLException {
        requireNonNull(config, "config is null");
        String url = "jdbc:duckdb:";
        if (!config.inMemory()) {
            Path file = config.file();
            // The driver splits the URL at ';' into a file and options: the config refuses such paths, and this
            // keeps any other caller from smuggling options in. Options go only through the properties below.
            if (file.toString().contains(DuckDbStoreConfig.URL_OPTION_SEPARATOR)) {
                throw new SQLException("IO Error: the path " + file + " holds '"
                        + DuckDbStoreConfig.URL_OPTION_SEPARATOR + "', which DuckDB's driver reads as options");
            }
            if (!config.readOnly()) {
                createFolders(file);
            }
            url += file;
        }
        Properties properties = new Properties();
        // Without it the driver materializes a whole result before the first row: streaming reads need it.
        properties.setProperty("jdbc_stream_results", "true");
        if (config.readOnly()) {
            properties.setProperty("duckdb.read_only", "true");
        }
        if (config.threads() > 0) {
            properties.setProperty("threads", Integer.toString(config.threads()));
        }
        if (!config.memoryLimit().isEmpty()) {
            properties.setProperty("memory_limit", config.memoryLimit());
        }
        DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection(url, properties);
        try {
            initSession(root);
        } catch (SQLException e) {
            root.close();
            throw e;
        }
        return new DuckDbConnectionSource(root, config.description());
    }

    private static void createFolders(Path file) throws SQLException {
        Path folder = file.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new SQLException("IO Error: cannot create the folder " + folder + " for the database file: " + e,
                        e);
            }
        }
    }

    /** DuckDB takes its session zone from the operating system; every result must be in UTC. */
    private static void initSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        }
    }

    /** @return a duplicate whose reads report DuckDB's own errors (see {@link StreamedErrors}) */
    @Override
    public Connection borrow() throws SQLException {
        if (closed.get()) {
            throw new SQLException("Connection Error: the store is closed");
        }
        DuckDBConnection connection = idle.pollFirst();
        if (connection == null) {
            connection = newDuplicate();
        }
        return StreamedErrors.wrap(connection, this::newDuplicate,
                reads.computeIfAbsent(connection, session -> new ReadStatements()));
    }

    /**
     * Runs the statements on every session from now on (they must be session-local, such as temporary views);
     * sessions opened before are closed rather than reused.
     */
    void addSessionStatements(List<String> statements) throws SQLException {
        sessionStatements = List.copyOf(statements);
        drainIdle();
        try (DuckDBConnection check = newDuplicate()) {
            // Proves that the statements run before any operation depends on them.
        }
    }

    /** @return a new duplicate of the root connection, in UTC, for the caller to close */
    DuckDBConnection newDuplicate() throws SQLException {
        DuckDBConnection duplicate = root.duplicate();
        try {
            initSession(duplicate);
            try (Statement statement = duplicate.createStatement()) {
                for (String sql : sessionStatements) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            duplicate.close();
            throw e;
        }
        return duplicate;
    }

    @Override
    public void giveBack(Connection borrowed, boolean broken) {
        Connection connection = StreamedErrors.unwrapped(borrowed);
        if (broken || closed.get() || idle.size() >= MAX_IDLE || !(connection instanceof DuckDBConnection duck)) {
            closeQuietly(connection);
            return;
        }
        idle.addFirst(duck);
        if (closed.get()) {
            drainIdle();
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            drainIdle();
            closeQuietly(root);
        }
    }

    private void drainIdle() {
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            closeQuietly(connection);
        }
    }

    private void closeQuietly(Connection connection) {
        ReadStatements kept = connection instanceof DuckDBConnection duck ? reads.remove(duck) : null;
        if (kept != null) {
            kept.closeAll();
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort: the database is released when its last connection goes.
        }
    }
}
