package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreTable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Brings a store's schema to the version its Flyway scripts describe, or checks that it is there.
 *
 * <p>Version 1 of every store's scripts is the schema of the older Python system, exactly. A database that system
 * created holds those tables but no {@code flyway_schema_history}: it is adopted by baselining it at version 1, after
 * which the upgrade scripts (version 2 on) run as on any other database. So new and adopted databases end up with
 * the same schema through the same scripts.
 */
public final class FlywaySchemaManager {
    /** Flyway's history table. */
    public static final String HISTORY_TABLE = "flyway_schema_history";
    /** The one-row table holding the store's instance id (script 3). */
    public static final String INSTANCE_TABLE = "metrics_store_instance";
    /** The version at which a database of the older system is adopted. */
    public static final String LEGACY_VERSION = "1";
    /** The way out of a schema that is not current, in the store's own terms (callers add their own hints). */
    private static final String OPEN_FOR_MIGRATING = "open the store for migrating its schema (migrate-on-start = true)";

    private static final String BASELINE_DESCRIPTION = "adopted schema of the older system";
    private static final String RECOVERED_DESCRIPTION = "schema version 1 found without its history row (an"
            + " interrupted first open)";

    private final DataSource dataSource;
    private final String location;
    private final String storeDescription;
    private final UnaryOperator<FluentConfiguration> customization;
    private volatile String checkedVersion;

    /**
     * @param dataSource connections to the store's database, closed by Flyway after use
     * @param location the store's scripts, for example {@code classpath:db/migration/duckdb}
     * @param storeDescription what the store opens, named in messages
     */
    public FlywaySchemaManager(DataSource dataSource, String location, String storeDescription) {
        this(dataSource, location, storeDescription, UnaryOperator.identity());
    }

    /**
     * @param customization adds a backend's own settings to Flyway's configuration, for example the schema to
     *                      manage or placeholders that its scripts use
     */
    public FlywaySchemaManager(DataSource dataSource, String location, String storeDescription,
                               UnaryOperator<FluentConfiguration> customization) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.location = requireNonNull(location, "location is null");
        this.storeDescription = requireNonNull(storeDescription, "storeDescription is null");
        this.customization = requireNonNull(customization, "customization is null");
    }

    /**
     * Adopts a database of the older system if that is what it is, then applies every pending script. Each script
     * commits together with its history row (one connection, transactional DDL), so a crash at any point leaves the
     * schema at a version its history records; a crash of an older version of this code between the two left the
     * tables of version 1 without any history row, which is recognised and recorded here.
     *
     * @throws SchemaException when a script fails (its transaction is rolled back), the database holds only some of
     *                         the store's tables, or the database is newer than this code
     */
    public void migrate() {
        try (SingleConnectionDataSource connection = SingleConnectionDataSource.open(dataSource)) {
            Flyway flyway = flyway(connection, BASELINE_DESCRIPTION);
            switch (adoption(connection)) {
                case LEGACY -> flyway.baseline();
                case WITHOUT_HISTORY_ROW -> {
                    // Flyway baselines only without a history table; this one is empty, so nothing is lost.
                    dropEmptyHistory(connection);
                    flyway(connection, RECOVERED_DESCRIPTION).baseline();
                }
                case NONE -> { }
            }
            MigrationInfoService info = flyway.info();
            rejectNewerSchema(info);
            flyway.migrate();
            checkedVersion = latestVersion(info); // every pending script ran, and none is newer than the scripts
        } catch (FlywayMigrateException e) {
            throw new SchemaException("cannot migrate the schema of " + storeDescription + ": " + e.getMessage()
                    + (e.isExecutableInTransaction() ? "; the failed script was rolled back with its history row, so"
                    + " the schema is at the last version its history records and the stored data is unchanged;"
                    + " fix the cause and open the store again"
                    : "; the failed script ran outside a transaction and may have been applied in part: compare the"
                    + " schema with the script before opening the store again"), e);
        } catch (FlywayException e) {
            throw new SchemaException("cannot migrate the schema of " + storeDescription + ": " + e.getMessage()
                    + "; fix the cause and open the store again", e);
        } catch (SQLException e) {
            throw new SchemaException("cannot migrate the schema of " + storeDescription + ": " + e.getMessage()
                    + "; check that the database is reachable and open the store again", e);
        }
    }

    /** What a database holds, as far as opening it for reading is concerned. */
    public enum Contents {
        /** None of the store's tables and no schema history: it reads as an empty store. */
        EMPTY,
        /** The older system's tables without schema history: read as they are until adopted. */
        NOT_ADOPTED,
        /** A schema this code created or adopted, at this code's version or an older one. */
        MANAGED
    }

    /**
     * Checks, without changing anything, that the database can be read as it is.
     *
     * @return what the database holds
     * @throws SchemaException when it holds only some of the store's tables, or is newer than this code
     */
    public Contents checkReadable() {
        try {
            if (adoptionNeeded()) {
                return Contents.NOT_ADOPTED;
            }
            if (!existingTables(dataSource).contains(HISTORY_TABLE)) {
                return Contents.EMPTY;
            }
            rejectNewerSchema(flyway().info());
            return Contents.MANAGED;
        } catch (FlywayException e) {
            throw new SchemaException("cannot read the schema history of " + storeDescription + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks, without changing anything, that the schema is at this code's version.
     *
     * @throws SchemaException naming the versions and how to bring the schema up to date
     */
    public void validate() {
        Flyway flyway = flyway();
        try {
            if (adoptionNeeded()) {
                throw new SchemaException(storeDescription + " was created by the older system and has not been"
                        + " adopted yet; " + OPEN_FOR_MIGRATING + " to adopt it");
            }
            MigrationInfoService info = flyway.info();
            rejectNewerSchema(info);
            if (info.current() == null) {
                throw new SchemaException(storeDescription + " has no schema; " + OPEN_FOR_MIGRATING
                        + " to create it");
            }
            if (info.pending().length > 0) {
                throw new SchemaException(storeDescription + " is at schema version " + info.current().getVersion()
                        + " but this code needs version " + latestVersion(info) + "; " + OPEN_FOR_MIGRATING
                        + " to bring it up to date");
            }
            ValidateResult result = flyway.validateWithResult();
            if (!result.validationSuccessful) {
                throw new SchemaException("the schema history of " + storeDescription + " does not match this code's"
                        + " scripts: " + result.getAllErrorMessages() + "; restore the scripts the database was"
                        + " migrated with, or migrate it with this version");
            }
            checkedVersion = info.current().getVersion().getVersion();
        } catch (FlywayException e) {
            throw new SchemaException("cannot check the schema of " + storeDescription + ": " + e.getMessage(), e);
        }
    }

    /** @return what the store opens, as messages name it (for example {@code the DuckDB file /srv/m.duckdb}) */
    public String storeDescription() {
        return storeDescription;
    }

    /** @return the schema version the last successful {@link #migrate()} or {@link #validate()} found, if any */
    public Optional<String> checkedVersion() {
        return Optional.ofNullable(checkedVersion);
    }

    /** @return the schema's version, this code's version, and one line per migration */
    public SchemaInfo info() {
        try {
            boolean notAdopted = adoptionNeeded();
            MigrationInfoService info = flyway().info();
            List<String> history = new ArrayList<>();
            if (notAdopted) {
                history.add(LEGACY_VERSION + " schema of the older system: not adopted (no " + HISTORY_TABLE
                        + "); opening the store for migrating adopts it at version " + LEGACY_VERSION);
            }
            for (MigrationInfo migration : info.all()) {
                // On an adopted database, script 1 is shadowed by the baseline entry that stands for it.
                if (migration.getState() != MigrationState.BELOW_BASELINE
                        && migration.getState() != MigrationState.BASELINE_IGNORED) {
                    history.add(describe(migration));
                }
            }
            String current = info.current() == null ? "none" : info.current().getVersion().getVersion();
            return new SchemaInfo(current, latestVersion(info), history, notAdopted);
        } catch (FlywayException e) {
            throw new SchemaException("cannot read the schema history of " + storeDescription + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads the store's instance id, without changing anything.
     *
     * @return the id that script 3 recorded, empty when the database has no such table (a schema below version 3)
     */
    public Optional<String> instanceId() {
        if (!existingTables(dataSource).contains(INSTANCE_TABLE)) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT instance_id FROM " + INSTANCE_TABLE)) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new SchemaException("cannot read the instance id of " + storeDescription + ": " + e.getMessage(), e);
        }
    }

    private Flyway flyway() {
        return flyway(dataSource, BASELINE_DESCRIPTION);
    }

    private Flyway flyway(DataSource connections, String baselineDescription) {
        return customization.apply(Flyway.configure(getClass().getClassLoader())
                .loggers(FlywayLogs.class.getName())
                .dataSource(connections)
                .locations(location)
                .table(HISTORY_TABLE)
                .baselineVersion(LEGACY_VERSION)
                .baselineDescription(baselineDescription)
                .failOnMissingLocations(true)
                .cleanDisabled(true))
                .load();
    }

    /** What an open finds besides the store's tables. */
    private enum Adoption {
        /** Nothing to adopt: an empty database, or one with schema history. */
        NONE,
        /** The older system's tables and no history table. */
        LEGACY,
        /** Every table of version 1 and an empty history table: a first open was interrupted before this fix. */
        WITHOUT_HISTORY_ROW
    }

    /** @return whether the database holds the older system's tables but no history; refuses a partial schema */
    private boolean adoptionNeeded() {
        return adoption(dataSource) == Adoption.LEGACY;
    }

    private Adoption adoption(DataSource connections) {
        Set<String> tables = existingTables(connections);
        boolean emptyHistory = tables.contains(HISTORY_TABLE) && historyIsEmpty(connections);
        if (tables.contains(HISTORY_TABLE) && !emptyHistory) {
            return Adoption.NONE;
        }
        Set<String> expected = Arrays.stream(StoreTable.values()).map(StoreTable::tableName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> present = new TreeSet<>(expected);
        present.retainAll(tables);
        if (present.isEmpty()) {
            return Adoption.NONE;
        }
        if (!present.equals(expected)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(present);
            throw new SchemaException(storeDescription + " holds the tables " + present + " but not " + missing
                    + " and has no schema history, so it is neither empty nor a database of the older system;"
                    + " restore the missing tables, or point the store at another database");
        }
        return emptyHistory ? Adoption.WITHOUT_HISTORY_ROW : Adoption.LEGACY;
    }

    private static void dropEmptyHistory(DataSource connections) throws SQLException {
        try (Connection connection = connections.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + HISTORY_TABLE);
        }
    }

    private boolean historyIsEmpty(DataSource connections) {
        try (Connection connection = connections.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + HISTORY_TABLE)) {
            return rows.next() && rows.getLong(1) == 0;
        } catch (SQLException e) {
            throw new SchemaException("cannot read the schema history of " + storeDescription + ": " + e.getMessage(),
                    e);
        }
    }

    private Set<String> existingTables(DataSource connections) {
        try (Connection connection = connections.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = current_schema()")) {
            Set<String> tables = new TreeSet<>();
            while (rows.next()) {
                tables.add(rows.getString(1).toLowerCase(Locale.ROOT));
            }
            return tables;
        } catch (SQLException e) {
            throw new SchemaException("cannot list the tables of " + storeDescription + ": " + e.getMessage(), e);
        }
    }

    private void rejectNewerSchema(MigrationInfoService info) {
        MigrationInfo current = info.current();
        MigrationVersion latest = MigrationVersion.fromVersion(latestVersion(info));
        if (current != null && current.getVersion() != null && current.getVersion().isNewerThan(latest.getVersion())) {
            throw new SchemaException(storeDescription + " is at schema version " + current.getVersion()
                    + ", newer than version " + latest + " that this code knows; use the application version that"
                    + " migrated it, or a newer one");
        }
    }

    private static String latestVersion(MigrationInfoService info) {
        MigrationVersion latest = MigrationVersion.EMPTY;
        for (MigrationInfo migration : info.all()) {
            if (migration.getVersion() != null && migration.getState().isResolved()
                    && migration.getVersion().isNewerThan(latest.getVersion())) {
                latest = migration.getVersion();
            }
        }
        return latest == MigrationVersion.EMPTY ? "none" : latest.getVersion();
    }

    private static String describe(MigrationInfo migration) {
        StringBuilder line = new StringBuilder();
        line.append(migration.getVersion() == null ? "repeatable" : migration.getVersion().getVersion())
                .append(' ').append(migration.getDescription())
                .append(" (").append(migration.getType()).append("): ")
                .append(migration.getState().getDisplayName());
        if (migration.getInstalledOn() != null) {
            line.append(", installed ").append(migration.getInstalledOn().toInstant());
        }
        return line.toString();
    }
}
