package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.jdbc.BucketCap;
import io.tradingmetrics.storage.jdbc.FlywaySchemaManager;
import io.tradingmetrics.storage.jdbc.JdbcMetricsStore;
import io.tradingmetrics.storage.spi.EmptyStore;
import io.tradingmetrics.storage.api.OpenMode;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The TimescaleDB / PostgreSQL store: the tables of {@link StoreTable} in one schema of a PostgreSQL server, as
 * hypertables when TimescaleDB is used, their schema owned by the Flyway scripts in {@code db/migration/timescale}.
 * Writes go through binary COPY in one transaction per call; reads are the shared SQL with this server's dialect.
 * Thread-safe: every operation borrows its own pooled connection.
 */
public final class TimescaleMetricsStore extends JdbcMetricsStore {
    /** The backend's name, as its factory is named. */
    public static final String NAME = TimescaleMetricsStoreFactory.NAME;
    /** Where the store's Flyway scripts are. */
    public static final String MIGRATIONS = "classpath:db/migration/timescale";

    private final TimescaleSettings settings;
    private final TimescaleFeatures features;
    private final PostgresPool pool;
    private final ChunkRetention retention;
    private final boolean readOnly;

    private TimescaleMetricsStore(TimescaleSettings settings, PostgresPool pool, TimescaleFeatures features,
                                  PostgresErrorTranslator errors, FlywaySchemaManager schema, boolean readOnly) {
        super(NAME, pool, new PostgresDialect(features), new CopyBulkWriter(), errors, schema,
                settings.writeIdRetention(), settings.rollups());
        this.readOnly = readOnly;
        this.settings = settings;
        this.features = features;
        this.pool = pool;
        this.retention = new ChunkRetention(features);
    }

    /**
     * Connects, decides whether TimescaleDB is used, and opens the store as its settings say
     * ({@link OpenMode#CONFIGURED}).
     *
     * @return the open store; the caller closes it
     * @throws StoreUnavailableException when the server cannot be reached in the connect timeout
     * @throws StoreConfigException when the login is refused, the database is missing, or TimescaleDB is required
     *         but cannot be used
     * @throws SchemaException when the schema cannot be brought up to date, or is not current and
     *         {@code migrate-on-start = false}
     */
    public static TimescaleMetricsStore open(TimescaleSettings settings) {
        return (TimescaleMetricsStore) open(settings, OpenMode.CONFIGURED); // CONFIGURED always opens the tables
    }

    /**
     * Connects and opens the store in the given mode. {@link OpenMode#READ_ONLY} and {@link OpenMode#VALIDATE} never
     * run a migration, never create the schema, its tables, hypertables, the history table or the extension, and
     * their sessions are read-only; a database of the older system reads as it is.
     *
     * @return the open store; the caller closes it. A schema that holds none of the store's tables, opened for
     *         reading only, is an empty store that refuses writes.
     * @throws StoreUnavailableException when the server cannot be reached in the connect timeout
     * @throws StoreConfigException when the login is refused, the database is missing, or TimescaleDB is required
     *         but cannot be used
     * @throws SchemaException when the schema cannot be brought up to date, is not current and the mode needs it, or
     *         cannot be read as it is
     */
    public static MetricsStore open(TimescaleSettings settings, OpenMode mode) {
        requireNonNull(settings, "settings is null");
        requireNonNull(mode, "mode is null");
        boolean migrate = mode == OpenMode.MIGRATE || mode == OpenMode.CONFIGURED && settings.migrateOnStart();
        boolean readOnly = mode == OpenMode.READ_ONLY || mode == OpenMode.VALIDATE;
        PostgresPool pool = PostgresPool.open(settings, readOnly);
        try {
            PostgresErrorTranslator errors = new PostgresErrorTranslator(pool.description());
            TimescaleFeatures features = resolveFeatures(settings, pool, errors, !readOnly);
            FlywaySchemaManager schema = new FlywaySchemaManager(pool.dataSource(), MIGRATIONS, pool.description(),
                    flyway -> flyway.schemas(settings.schema()).defaultSchema(settings.schema())
                            .placeholders(placeholders(settings, features)));
            if (migrate) {
                schema.migrate();
            } else if (mode == OpenMode.READ_ONLY
                    && schema.checkReadable() == FlywaySchemaManager.Contents.EMPTY) {
                SchemaInfo info = schema.info();
                pool.close();
                return new EmptyStore(NAME, pool.description(), info);
            } else if (mode != OpenMode.READ_ONLY) {
                schema.validate();
            }
            TimescaleMetricsStore store = new TimescaleMetricsStore(settings, pool, features, errors, schema, readOnly);
            store.openRollups(!readOnly);
            return store;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static TimescaleFeatures resolveFeatures(TimescaleSettings settings, PostgresPool pool,
                                                     PostgresErrorTranslator errors, boolean mayCreate) {
        try (Connection connection = pool.borrow()) {
            return TimescaleActivation.resolve(connection, settings.timescaleMode(), pool.description(), mayCreate);
        } catch (SQLException e) {
            MetricsStoreException translated = errors.translate("check the TimescaleDB extension", e);
            throw translated instanceof StoreConfigException || translated instanceof StoreUnavailableException
                    ? translated : new StoreUnavailableException(translated.getMessage(), e);
        }
    }

    /** The values of the scripts' {@code ${...}} placeholders: whether to make hypertables, and how. */
    static Map<String, String> placeholders(TimescaleSettings settings, TimescaleFeatures features) {
        return Map.of(
                "timescaledb", Boolean.toString(features.active()),
                "timescaledb_schema", features.active() ? features.functionSchema() : "public",
                "chunk_interval", settings.chunkInterval().toSeconds() + " seconds");
    }

    /** @return the settings the store was opened with (their {@code toString} hides the password) */
    public TimescaleSettings settings() {
        return settings;
    }

    /** @return whether the store uses TimescaleDB on this server */
    public boolean usesTimescaleDb() {
        return features.active();
    }

    /**
     * On hypertables, the chunks that lie wholly in the range are dropped ({@code drop_chunks}: no row-by-row
     * delete, no bloat) and only the rows of the partial chunks at its edges are deleted; plain tables use DELETE.
     * Either way in one transaction.
     */
    @Override
    protected long deleteRows(Connection connection, StoreTable table, TimeRange range) throws SQLException {
        if (!features.active() || range.isEmpty()) {
            return super.deleteRows(connection, table, range);
        }
        return retention.deleteRange(connection, table, range);
    }

    @Override
    protected BucketCap bucketCap() {
        return settings.bucketCap();
    }

    @Override
    protected void ensureWritable() {
        if (readOnly) {
            throw new MetricsStoreException(pool.description() + " is open for reading only, so it takes no writes;"
                    + " open the store for writing");
        }
    }

    @Override
    protected Map<String, String> healthDetails(Connection connection) throws SQLException {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("server", settings.server().describe(settings.user()));
        details.put("schema", settings.schema());
        details.put("user", settings.user());
        details.putAll(features.details());
        if (features.active()) {
            details.put("hypertables", String.join(", ", retention.hypertables(connection)));
            details.put("chunk-interval", settings.chunkInterval().toString());
        }
        details.put("pool.size", Integer.toString(settings.poolSize()));
        details.put("pool.open", Integer.toString(pool.openConnections()));
        return details;
    }
}
