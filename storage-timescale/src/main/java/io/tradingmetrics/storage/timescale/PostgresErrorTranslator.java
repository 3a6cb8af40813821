package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.jdbc.SqlErrorTranslator;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * PostgreSQL's errors by SQLSTATE, on top of the shared classes: a refused login and a missing database are
 * configuration errors, a cancelled statement says which setting limits it, and the pool's timeout counts as an
 * unavailable server. pgjdbc's messages never hold the password, nor does the server description.
 */
final class PostgresErrorTranslator extends SqlErrorTranslator {

    PostgresErrorTranslator(String serverDescription) {
        super(serverDescription);
    }

    @Override
    public MetricsStoreException translate(String action, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28") || isMissingPassword(e)) {
            return new StoreConfigException("PostgreSQL at " + storeDescription() + " refused the login: "
                    + rootMessage(e) + "; check metrics.store.timescale.user and password (or PGUSER / PGPASSWORD,"
                    + " or the credentials in TIMESCALE_DSN)", e);
        }
        if (state.equals("3D000")) {
            return new StoreConfigException("PostgreSQL at " + storeDescription() + ": " + rootMessage(e)
                    + "; create it (CREATE DATABASE) or name an existing one in metrics.store.timescale.url or"
                    + " database", e);
        }
        if (isNulInText(e)) {
            return new InvalidInputException("cannot " + action + " in " + storeDescription() + ": a text value holds"
                    + " the NUL character (\\0), which PostgreSQL text cannot hold; remove it from the names, symbols"
                    + " and labels given");
        }
        if (state.equals("57014")) {
            return new StoreUnavailableException("cannot " + action + " in " + storeDescription() + ": the statement"
                    + " was cancelled (" + rootMessage(e) + "); narrow the query, or raise"
                    + " metrics.store.timescale.statement-timeout", e);
        }
        return super.translate(action, e);
    }

    /** @return whether the server is starting up (or shutting down, or recovering): worth waiting for */
    boolean isStartingUp(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "57P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** pgjdbc reports a password the server asked for and that was not given as 08004, a rejected connection. */
    private static boolean isMissingPassword(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return "08004".equals(e.getSQLState()) && message.contains("no password was provided");
    }

    /** 22021 (character_not_in_repertoire) for 0x00: pgjdbc and the server refuse NUL in text, read or write. */
    private static boolean isNulInText(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return "22021".equals(e.getSQLState()) && message.contains("0x00")
                || message.contains("Zero bytes may not occur in string parameters");
    }

    /** Also the pool's timeout and a closed pool, which carry no SQLSTATE of class 08. */
    @Override
    public boolean isUnavailable(SQLException e) {
        if (isMissingPassword(e)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && super.isUnavailable(sql)) {
                return true;
            }
        }
        return e.getSQLState() == null && e.getMessage() != null && e.getMessage().contains("has been closed");
    }
}
