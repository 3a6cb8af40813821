package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.StoreConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Decides, from the configured {@link TimescaleMode} and what the server offers, whether the store uses
 * TimescaleDB, installing the extension in the database when the server has it but the database does not.
 */
final class TimescaleActivation {
    private static final Logger LOG = LoggerFactory.getLogger(TimescaleActivation.class);
    private static final String WAY_OUT = " or set metrics.store.timescale.timescaledb = auto (use TimescaleDB when"
            + " present) or off (plain PostgreSQL)";

    private TimescaleActivation() {}

    /**
     * @param connection an auto-commit connection
     * @param server the server, for messages
     * @throws StoreConfigException when the mode is {@code required} and TimescaleDB cannot be used, saying why
     *         and how to enable it
     */
    static TimescaleFeatures resolve(Connection connection, TimescaleMode mode, String server) throws SQLException {
        ServerFacts facts = ServerFacts.read(connection);
        if (mode == TimescaleMode.OFF) {
            return TimescaleFeatures.plain(mode, facts, "metrics.store.timescale.timescaledb = off");
        }
        String problem = null;
        if (facts.availableVersion().isEmpty()) {
            problem = "PostgreSQL " + facts.serverVersion() + " at " + server + " has no TimescaleDB extension: install"
                    + " the package for PostgreSQL " + facts.serverVersionNumber() / 10_000 + " (timescaledb-2-postgresql-"
                    + facts.serverVersionNumber() / 10_000 + " or postgresql-" + facts.serverVersionNumber() / 10_000
                    + "-timescaledb), add shared_preload_libraries = 'timescaledb' to postgresql.conf, restart the"
                    + " server and run CREATE EXTENSION timescaledb;";
        } else if (!facts.loaded()) {
            problem = "TimescaleDB is packaged on " + server + " but not preloaded: add shared_preload_libraries ="
                    + " 'timescaledb' to postgresql.conf and restart the server;";
        } else if (facts.installedVersion().isEmpty()) {
            try {
                facts = createExtension(connection, facts);
                LOG.debug("Created the TimescaleDB extension {} in {}", facts.installedVersion().orElse("?"), server);
            } catch (SQLException e) {
                problem = "the TimescaleDB extension is not created in the database at " + server + " and this user"
                        + " may not create it (" + e.getMessage() + "): run CREATE EXTENSION timescaledb as its owner"
                        + " or a superuser;";
            }
        }
        if (problem == null) {
            return TimescaleFeatures.active(mode, facts);
        }
        if (mode == TimescaleMode.REQUIRED) {
            throw new StoreConfigException("TimescaleDB is required (metrics.store.timescale.timescaledb = required)"
                    + " but " + problem + WAY_OUT);
        }
        // Routine on plain PostgreSQL, so not at INFO: health() reports it in its details.
        LOG.debug("Using plain PostgreSQL tables and SQL: {}", problem);
        return TimescaleFeatures.plain(mode, facts, problem.substring(0, problem.length() - 1));
    }

    private static ServerFacts createExtension(Connection connection, ServerFacts facts) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Into public when it exists, not the store's schema: dropping that schema must not drop the extension.
            statement.execute("DO $$ BEGIN"
                    + " IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public') THEN"
                    + "   CREATE EXTENSION IF NOT EXISTS timescaledb WITH SCHEMA public;"
                    + " ELSE CREATE EXTENSION IF NOT EXISTS timescaledb; END IF; END $$");
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) { // another store created it at the same moment
                throw e;
            }
        }
        ServerFacts now = ServerFacts.read(connection);
        if (now.installedVersion().isEmpty() || now.extensionSchema().isEmpty()) {
            throw new SQLException("CREATE EXTENSION timescaledb left no extension behind");
        }
        return now;
    }
}
