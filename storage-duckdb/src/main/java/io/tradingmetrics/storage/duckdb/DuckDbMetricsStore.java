package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.StoreDamagedException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.jdbc.BucketCap;
import io.tradingmetrics.storage.jdbc.FlywaySchemaManager;
import io.tradingmetrics.storage.jdbc.JdbcMetricsStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

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
                config.writeIdRetention());
        this.config = config;
    }

    /**
     * Opens the database the configuration names and brings its schema up to date (adopting a file of the older
     * system), or, with {@code migrate-on-start = false} or {@code read-only = true}, checks that it is current.
     *
     * @throws StoreUnavailableException when the file cannot be opened, for example because another process holds it
     * @throws io.tradingmetrics.storage.api.SchemaException when the schema cannot be brought up to date
     */
    public static DuckDbMetricsStore open(DuckDbStoreConfig config) {
        requireNonNull(config, "config is null");
        DuckDbErrorTranslator errors = new DuckDbErrorTranslator(config.description());
        if (!config.inMemory() && !config.migrateOnStart() && !Files.exists(config.file())) {
            // Opening would create an empty file: a check of the schema must not leave one behind.
            throw new SchemaException(config.description() + " does not exist, and " + DuckDbStoreConfig.BLOCK
                    + ".migrate-on-start = false forbids creating it; check the path, or create it with"
                    + " 'bin/metrics schema migrate' (or migrate-on-start = true)");
        }
        DuckDbConnectionSource connections;
        try {
            connections = DuckDbConnectionSource.open(config);
        } catch (SQLException e) {
            MetricsStoreException translated = errors.translate("open the database", e);
            throw translated instanceof StoreUnavailableException || translated instanceof StoreDamagedException
                    ? translated : new StoreUnavailableException(translated.getMessage(), e);
        }
        try {
            FlywaySchemaManager schema = new FlywaySchemaManager(new DuplicatingDataSource(connections), MIGRATIONS,
                    config.description());
            if (config.migrateOnStart() && !config.readOnly()) {
                schema.migrate();
            } else {
                schema.validate();
            }
            DuckDbBulkWriter bulkWriter = new DuckDbBulkWriter();
            if (!config.readOnly()) {
                prepareScanInserts(bulkWriter, connections, errors);
            }
            return new DuckDbMetricsStore(config, connections, bulkWriter, errors, schema);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
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
            throw new MetricsStoreException(config.description() + " is open read-only ("
                    + DuckDbStoreConfig.BLOCK + ".read-only = true), so it takes no writes; open it with read-only ="
                    + " false to write (only one process can then have it open)");
        }
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
     * Reads every column of every row, so that DuckDB checks the checksum of each stored block it has not checked
     * yet: a damaged file is found by health rather than by the next query. It costs a full scan (about a second per
     * ten million points here), which is what a health check of a file is for.
     *
     * @return what was read, for the details
     * @throws SQLException naming the damaged block
     */
    private static String verifyEveryBlock(Connection connection) throws SQLException {
        long rows = 0;
        for (StoreTable table : StoreTable.values()) {
            rows += Long.parseLong(DuckDbDialect.queryString(connection, "SELECT count(*), bit_xor(hash(t)) FROM "
                    + table.tableName() + " t"));
        }
        return rows + " rows of " + StoreTable.values().length + " tables read, block checksums checked";
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return -1;
        }
    }
}
