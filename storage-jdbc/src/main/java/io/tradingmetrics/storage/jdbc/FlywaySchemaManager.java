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
     * Adopts a database of the older system if that is what it is, then applies every pending script.
     *
     * @throws SchemaException when a script fails (its transaction is rolled back), the database holds only some of
     *                         the store's tables, or the database is newer than this code
     */
    public void migrate() {
        Flyway flyway = flyway();
        try {
            if (adoptionNeeded()) {
                flyway.baseline();
            }
            MigrationInfoService info = flyway.info();
            rejectNewerSchema(info);
            flyway.migrate();
            checkedVersion = latestVersion(info); // every pending script ran, and none is newer than the scripts
        } catch (FlywayException e) {
            throw new SchemaException("cannot migrate the schema of " + storeDescription + ": " + e.getMessage()
                    + "; the failed script was rolled back and the stored data is unchanged, fix the cause and"
                    + " open the store again", e);
        }
    }

    /**
     * Checks, without changing anything, that the schema is at this code's version.
     *
     * @throws SchemaException naming the versions and how to migrate
     */
    public void validate() {
        Flyway flyway = flyway();
        try {
            if (adoptionNeeded()) {
                throw new SchemaException(storeDescription + " was created by the older system and has not been"
                        + " adopted yet; open it once with migrate-on-start = true, or run 'bin/metrics schema migrate'");
            }
            MigrationInfoService info = flyway.info();
            rejectNewerSchema(info);
            if (info.current() == null) {
                throw new SchemaException(storeDescription + " has no schema; open it with migrate-on-start = true,"
                        + " or run 'bin/metrics schema migrate'");
            }
            if (info.pending().length > 0) {
                throw new SchemaException(storeDescription + " is at schema version " + info.current().getVersion()
                        + " but this code needs version " + latestVersion(info) + "; run 'bin/metrics schema migrate' or"
                        + " open it with migrate-on-start = true");
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
            MigrationInfoService info = flyway().info();
            List<String> history = new ArrayList<>();
            for (MigrationInfo migration : info.all()) {
                // On an adopted database, script 1 is shadowed by the baseline entry that stands for it.
                if (migration.getState() != MigrationState.BELOW_BASELINE
                        && migration.getState() != MigrationState.BASELINE_IGNORED) {
                    history.add(describe(migration));
                }
            }
            String current = info.current() == null ? "none" : info.current().getVersion().getVersion();
            return new SchemaInfo(current, latestVersion(info), history);
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
        if (!existingTables().contains(INSTANCE_TABLE)) {
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
        return customization.apply(Flyway.configure(getClass().getClassLoader())
                .loggers(FlywayLogs.class.getName())
                .dataSource(dataSource)
                .locations(location)
                .table(HISTORY_TABLE)
                .baselineVersion(LEGACY_VERSION)
                .baselineDescription("adopted schema of the older system")
                .failOnMissingLocations(true)
                .cleanDisabled(true))
                .load();
    }

    /** @return whether the database holds the older system's tables but no history; refuses a partial schema */
    private boolean adoptionNeeded() {
        Set<String> tables = existingTables();
        if (tables.contains(HISTORY_TABLE)) {
            return false;
        }
        Set<String> expected = Arrays.stream(StoreTable.values()).map(StoreTable::tableName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> present = new TreeSet<>(expected);
        present.retainAll(tables);
        if (present.isEmpty()) {
            return false;
        }
        if (!present.equals(expected)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(present);
            throw new SchemaException(storeDescription + " holds the tables " + present + " but not " + missing
                    + " and has no schema history, so it is neither empty nor a database of the older system;"
                    + " restore the missing tables, or point the store at another database");
        }
        return true;
    }

    private Set<String> existingTables() {
        try (Connection connection = dataSource.getConnection();
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
