package io.tradingmetrics.storage.timescale;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a PostgreSQL server offers the store, read from its catalogs: whether the TimescaleDB extension is
 * available (packaged), loaded (in {@code shared_preload_libraries}, which it requires) and installed in this
 * database, and under which license.
 *
 * @param serverVersion the server's version, for example {@code 17.2}
 * @param serverVersionNumber the server's version as a number, for example {@code 170002}
 * @param availableVersion the TimescaleDB version the server has packaged, if any
 * @param installedVersion the TimescaleDB version installed in this database, if any
 * @param extensionSchema the schema of the installed extension's functions, if installed
 * @param loaded whether the TimescaleDB library is loaded in this session (it must be preloaded)
 * @param license {@code apache} or {@code timescale} once the extension is created in the database
 */
record ServerFacts(String serverVersion, int serverVersionNumber, Optional<String> availableVersion,
                   Optional<String> installedVersion, Optional<String> extensionSchema, boolean loaded,
                   Optional<String> license) {
    ServerFacts {
        requireNonNull(serverVersion, "serverVersion is null");
        requireNonNull(availableVersion, "availableVersion is null");
        requireNonNull(installedVersion, "installedVersion is null");
        requireNonNull(extensionSchema, "extensionSchema is null");
        requireNonNull(license, "license is null");
    }

    /** Reads the facts on an auto-commit connection. */
    static ServerFacts read(Connection connection) throws SQLException {
        String version;
        int versionNumber;
        Optional<String> license;
        boolean loaded;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('server_version'),"
                     + " current_setting('server_version_num')::int,"
                     // The loader (preloaded library) defines disable_load; the license setting appears only once
                     // the extension is created in the database.
                     + " current_setting('timescaledb.license', true),"
                     + " current_setting('timescaledb.disable_load', true) IS NOT NULL")) {
            row.next();
            version = row.getString(1);
            versionNumber = row.getInt(2);
            license = Optional.ofNullable(row.getString(3)).filter(l -> !l.isEmpty());
            loaded = row.getBoolean(4) || license.isPresent();
        }
        Optional<String> available = Optional.empty();
        Optional<String> installed = Optional.empty();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT default_version, installed_version FROM pg_available_extensions WHERE name = 'timescaledb'");
             ResultSet row = statement.executeQuery()) {
            if (row.next()) {
                available = Optional.ofNullable(row.getString(1));
                installed = Optional.ofNullable(row.getString(2));
            }
        }
        Optional<String> schema = Optional.empty();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                        + " WHERE e.extname = 'timescaledb'");
             ResultSet row = statement.executeQuery()) {
            if (row.next()) {
                schema = Optional.of(row.getString(1));
            }
        }
        return new ServerFacts(version, versionNumber, available, installed, schema, loaded, license);
    }
}
