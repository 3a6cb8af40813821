package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreUnavailableException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns PostgreSQL errors into the store's exceptions by SQLSTATE, with messages that say what to do. pgjdbc's own
 * messages never hold the password, and neither do the server description strings passed in here.
 */
final class PostgresErrors {
    private PostgresErrors() {}

    /** @return whether the error means the connection or the server went away (the connection is unfit for reuse) */
    static boolean isConnectionLoss(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param doing what was being done, for example {@code "inserting 1000 metric points"}
     * @param server the server, without credentials
     */
    static MetricsStoreException translate(SQLException e, String doing, String server) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String cause = e.getMessage();
        if (isConnectionLoss(e)) {
            return new StoreUnavailableException("PostgreSQL at " + server + " is unavailable while " + doing + ": "
                    + cause + "; no partial write is kept. Check that the server runs and is reachable, then"
                    + " retry: the store reconnects by itself.", e);
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new StoreConfigException("PostgreSQL at " + server + " refused the login: " + cause + "; check"
                    + " metrics.store.timescale.user and password (or PGUSER/PGPASSWORD, TIMESCALE_DSN)", e);
        }
        if (state.equals("3D000")) {
            return new StoreConfigException("PostgreSQL at " + server + ": " + cause + "; create it (CREATE DATABASE)"
                    + " or name an existing one in metrics.store.timescale.url / database", e);
        }
        if (state.equals("42P01") || state.equals("42703") || state.equals("3F000")) {
            return new SchemaException("the schema at " + server + " is not what this store expects while " + doing
                    + ": " + cause + "; let the store migrate it (metrics.store.timescale.migrate-on-start = true)", e);
        }
        if (state.startsWith("22") || state.equals("23505") || state.equals("23502")) {
            return new InvalidInputException("PostgreSQL refused the data while " + doing + ": " + cause
                    + "; nothing of this call was stored");
        }
        if (state.equals("57014")) {
            return new StoreUnavailableException("PostgreSQL cancelled a statement while " + doing + " (statement"
                    + " timeout or cancel): " + cause + "; narrow the query or raise"
                    + " metrics.store.timescale.statement-timeout", e);
        }
        if (state.startsWith("53") || state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
            return new StoreUnavailableException("PostgreSQL at " + server + " could not complete " + doing
                    + " now: " + cause + "; nothing of this call was stored, retry later", e);
        }
        return new MetricsStoreException("PostgreSQL at " + server + " failed while " + doing + ": " + cause
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), e);
    }
}
