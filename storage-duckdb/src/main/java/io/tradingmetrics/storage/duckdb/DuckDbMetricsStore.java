package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreNotFoundException;
import io.tradingmetrics.storage.api.StoreDamagedException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.jdbc.BucketCap;
import io.tradingmetrics.storage.jdbc.FlywaySchemaManager;
import io.tradingmetrics.storage.jdbc.JdbcMetricsStore;
import io.tradingmetrics.storage.spi.EmptyStore;
import io.tradingmetrics.storage.api.OpenMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The embedded DuckDB store: one database file (or memory) opened by this process, its schema owned by the Flyway
 * scripts in {@code db/migration/duckdb}. Thread-safe: each operation runs on its own duplicate of the database
 * connection.
 */
public final class DuckDbMetricsStore extends JdbcMetricsStore {
    /** The backend's name, as its factory is named. */
    public static final String NAME = "duckdb";
    /** Where the store's Flyway scripts are. */
    public static final String MIGRATIONS = "classpath:db/migration/duckdb";

    private final DuckDbStoreConfig config;

    private DuckDbMetricsStore(DuckDbStoreConfig config, DuckDbConnectionSource connections,
                               DuckDbBulkWriter bulkWriter, DuckDbErrorTranslator errors, FlywaySchemaManager schema) {
        super(NAME, connections, new DuckDbDialect(config.readOnly(), config.inMemory()), bulkWriter, errors, schema,
                config.writeIdRetention(), config.rollups());
        this.config = config;
    }

    /**
     * Opens the database as its configuration says ({@link OpenMode#CONFIGURED}).
     *
     * @return the open store; the caller closes it
     * @throws StoreUnavailableException when the file cannot be opened, for example because another process holds it
     * @throws StoreNotFoundException when the configuration forbids creating the file and it does not exist
     * @throws SchemaException when the schema cannot be brought up to date, or is not current and the
     *         configuration forbids migrating it
     */
    public static DuckDbMetricsStore open(DuckDbStoreConfig config) {
        MetricsStore store = open(config, OpenMode.CONFIGURED);
        return (DuckDbMetricsStore) store; // CONFIGURED never opens a file without the store's tables read-only
    }

    /**
     * Opens the database the configuration names in the given mode. {@link OpenMode#READ_ONLY} and
     * {@link OpenMode#VALIDATE} open the file with DuckDB's read-only access (a shared lock: other readers may hold
     * it at the same time) and never create it or its folder.
     *
     * @return the open store; the caller closes it. A file that holds none of the store's tables, opened for
     *         reading only, is an empty store that refuses writes.
     * @throws StoreUnavailableException when the file cannot be opened, for example because another process holds it
     * @throws StoreNotFoundException when the mode does not create the file and it does not exist
     * @throws SchemaException when the schema cannot be brought up to date, is not current and the mode needs it, or
     *         cannot be read as it is
     */
    public static MetricsStore open(DuckDbStoreConfig config, OpenMode mode) {
        requireNonNull(config, "config is null");
        requireNonNull(mode, "mode is null");
        boolean migrate = mode == OpenMode.MIGRATE
                || mode == OpenMode.CONFIGURED && config.migrateOnStart() && !config.readOnly();
        boolean readOnly = mode == OpenMode.READ_ONLY || mode == OpenMode.VALIDATE
                || mode == OpenMode.CONFIGURED && config.readOnly();
        if (config.inMemory() && readOnly) {
            return openEmptyMemory(config, mode);
        }
        if (!config.inMemory() && !migrate && !Files.exists(config.file())) {
            // Opening would create an empty file: a read or a check must not leave one behind.
            throw new StoreNotFoundException(config.missingFileMessage());
        }
        DuckDbStoreConfig effective = config.withAccess(readOnly, migrate);
        DuckDbErrorTranslator errors = new DuckDbErrorTranslator(config.description());
        DuckDbConnectionSource connections;
        try {
            connections = DuckDbConnectionSource.open(effective);
        } catch (SQLException e) {
            MetricsStoreException translated = errors.translate("open the database", e);
            throw translated instanceof StoreUnavailableException || translated instanceof StoreDamagedException
                    ? translated : new StoreUnavailableException(translated.getMessage(), e);
        }
        try {
            FlywaySchemaManager schema = new FlywaySchemaManager(new DuplicatingDataSource(connections), MIGRATIONS,
                    config.description());
            if (migrate) {
                schema.migrate();
            } else if (mode == OpenMode.READ_ONLY) {
                if (schema.checkReadable() == FlywaySchemaManager.Contents.EMPTY) {
                    SchemaInfo info = schema.info();
                    connections.close();
                    return new EmptyStore(NAME, config.description(), info);
                }
                readAsItIs(connections, errors);
            } else {
                schema.validate();
            }
            DuckDbBulkWriter bulkWriter = new DuckDbBulkWriter();
            if (!readOnly) {
                prepareScanInserts(bulkWriter, connections, errors);
            }
            DuckDbMetricsStore store = new DuckDbMetricsStore(effective, connections, bulkWriter, errors, schema);
            store.openRollups(!readOnly);
            return store;
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    /** An in-memory database starts empty: there is nothing to read and nothing to check. */
    private static MetricsStore openEmptyMemory(DuckDbStoreConfig config, OpenMode mode) {
        if (mode == OpenMode.VALIDATE || mode == OpenMode.CONFIGURED) {
            throw new SchemaException(config.description() + " starts empty, with no schema to check; give a database"
                    + " file, or open it for writing");
        }
        return new EmptyStore(NAME, config.description(), new SchemaInfo("none", "none", List.of()));
    }

    private static void readAsItIs(DuckDbConnectionSource connections, DuckDbErrorTranslator errors) {
        try (Connection connection = connections.newDuplicate()) {
            connections.addSessionStatements(NaiveTimestampViews.statements(connection));
        } catch (SQLException e) {
            throw errors.translate("read the schema as it is", e);
        }
    }

    private static void prepareScanInserts(DuckDbBulkWriter bulkWriter, DuckDbConnectionSource connections,
                                           DuckDbErrorTranslator errors) {
        try (Connection connection = connections.newDuplicate()) {
            bulkWriter.prepareScanInserts(connection);
        } catch (SQLException e) {
            throw errors.translate("prepare bulk inserts", e);
        }
    }

    @Override
    protected BucketCap bucketCap() {
        return config.bucketCap();
    }

    @Override
    protected void ensureWritable() {
        if (config.readOnly()) {
            throw new MetricsStoreException(config.description() + " is open read-only, so it takes no writes;"
                    + " open it for writing (" + DuckDbStoreConfig.BLOCK + ".read-only = false; only one process can"
                    + " then have it open)");
        }
    }

    /**
     * The file and its write-ahead log as the file system sees them: what an operator's disk alarm measures. Deleted
     * rows free blocks inside the file, which later writes reuse; the file only shrinks when a checkpoint
     * ({@link #optimize()}) frees blocks at its end (BENCHMARKS.md measures it).
     */
    @Override
    protected OptionalLong storeBytes(Connection connection) {
        if (config.inMemory()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(sizeOf(config.file()) + sizeOf(Path.of(config.file() + ".wal")));
    }

    @Override
    protected Map<String, String> healthDetails(Connection connection) throws SQLException {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("path", config.inMemory() ? DuckDbStoreConfig.IN_MEMORY : config.file().toString());
        if (!config.inMemory()) {
            details.put("fileBytes", Long.toString(sizeOf(config.file())));
            details.put("walBytes", Long.toString(sizeOf(Path.of(config.file() + ".wal"))));
        }
        details.put("readOnly", Boolean.toString(config.readOnly()));
        details.put("threads", DuckDbDialect.queryString(connection, "SELECT current_setting('threads')"));
        details.put("memoryLimit", DuckDbDialect.queryString(connection, "SELECT current_setting('memory_limit')"));
        details.put("verified", verifyEveryBlock(connection));
        return details;
    }

    /**
     * Reads every column of every row of every table in the file (the store's tables and what is derived from them:
     * the series catalogue, the rollups, the write log), so that DuckDB checks the checksum of each stored block it
     * has not checked yet: a damaged file is found by health rather than by the next query. It costs a full scan
     * (about a second per ten million points here), which is what a health check of a file is for.
     *
     * @return what was read, for the details
     * @throws SQLException naming the damaged block
     */
    private static String verifyEveryBlock(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet names = statement.executeQuery("SELECT schema_name, table_name FROM duckdb_tables()"
                        + " WHERE database_name = current_database() AND NOT temporary ORDER BY 1, 2")) {
            while (names.next()) {
                tables.add('"' + names.getString(1).replace("\"", "\"\"") + "\".\""
                        + names.getString(2).replace("\"", "\"\"") + '"');
            }
        }
        long rows = 0;
        for (String table : tables) {
            rows += Long.parseLong(DuckDbDialect.queryString(connection, "SELECT count(*), bit_xor(hash(t)) FROM "
                    + table + " t"));
        }
        return rows + " rows of " + tables.size() + " tables read, block checksums checked";
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return -1;
        }
    }
}
