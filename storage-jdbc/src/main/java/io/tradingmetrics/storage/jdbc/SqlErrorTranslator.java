package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.SchemaException;
import io.tradingmetrics.storage.api.StoreDamagedException;
import io.tradingmetrics.storage.api.StoreUnavailableException;

import java.sql.SQLException;

import static java.util.Objects.requireNonNull;

/**
 * Turns {@link SQLException}s into the storage-api exceptions, with messages that say what failed, where, and
 * what to do. The defaults classify by SQLSTATE class (PostgreSQL and most drivers set it); a backend whose driver
 * reports no SQLSTATE (DuckDB) overrides the {@code is...} hooks, and may override {@link #translate} for messages
 * that need its own details (a locked file).
 */
public class SqlErrorTranslator {
    private final String storeDescription;

    /** @param storeDescription what the store opens, named in messages (a file, a server) */
    public SqlErrorTranslator(String storeDescription) {
        this.storeDescription = requireNonNull(storeDescription, "storeDescription is null");
    }

    /** @return the store's description given at construction */
    protected String storeDescription() {
        return storeDescription;
    }

    private static final String REFUSED_WRITE = "the database refused a value";

    /**
     * @param action what was being done, for example {@code "insert 10 metric points"}
     * @return the exception to throw
     */
    public MetricsStoreException translate(String action, SQLException e) {
        if (e instanceof PoolExhaustedException) {
            // The store is busy, not down: say so, and not "check that the database is running".
            return new StoreUnavailableException("cannot " + action + " in " + storeDescription + ": "
                    + e.getMessage(), e);
        }
        String detail = rootMessage(e);
        String prefix = "cannot " + action + " in " + storeDescription + ": " + detail;
        if (isDamaged(e)) {
            return new StoreDamagedException("cannot " + action + ": " + storeDescription + " is damaged (" + detail
                    + "); " + damagedHint(), e);
        }
        if (isUnavailable(e)) {
            return new StoreUnavailableException(prefix + "; " + unavailableHint(), e);
        }
        if (isInvalidInput(e)) {
            return new InvalidInputException(prefix + "; " + REFUSED_WRITE + ": correct it and retry (a refused"
                    + " write stores nothing)", e);
        }
        if (isSchemaProblem(e)) {
            return new SchemaException(prefix + "; the schema is not what this code expects: open the store for"
                    + " migrating its schema (migrate-on-start = true) or check that the store points at the right database", e);
        }
        return new MetricsStoreException(prefix, e);
    }

    /**
     * Like {@link #translate(String, SQLException)} for a read, which changes nothing: a value the database
     * refuses is one of the query's arguments or one computed from stored values, not one to be written.
     */
    public MetricsStoreException translateRead(String action, SQLException e) {
        MetricsStoreException translated = translate(action, e);
        // Only the generic advice for a refused write is replaced; a backend's own, more precise message stays.
        if (translated instanceof InvalidInputException && translated.getMessage().contains(REFUSED_WRITE)) {
            return new InvalidInputException("cannot " + action + " in " + storeDescription + ": " + rootMessage(e)
                    + "; the database could not compute the result from the query's arguments and the stored values:"
                    + " check the arguments (a read changes nothing)", e);
        }
        return translated;
    }

    /** @return what to do when the stored data is damaged, for messages */
    protected String damagedHint() {
        return "restore the store from its latest export (import it into a new store) or from a backup, and keep the"
                + " damaged copy until the restore is checked";
    }

    /** @return whether the stored data cannot be read back (SQLSTATE XX001 data corrupted, XX002 index corrupted) */
    public boolean isDamaged(SQLException e) {
        String state = e.getSQLState();
        return "XX001".equals(state) || "XX002".equals(state);
    }

    /** @return what to do when the database cannot be reached or opened, for messages */
    protected String unavailableHint() {
        return "check that the database is running and reachable, then retry";
    }

    /** @return whether the database cannot be reached or opened (SQLSTATE class 08, 53, 57P) */
    public boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
    }

    /** @return whether a value given by the caller was refused (SQLSTATE class 22, 23) */
    public boolean isInvalidInput(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** @return whether a table or column is missing or different (SQLSTATE 42P01, 42703, 42P07) */
    public boolean isSchemaProblem(SQLException e) {
        String state = e.getSQLState();
        return "42P01".equals(state) || "42703".equals(state) || "42P07".equals(state);
    }

    /**
     * @return whether the transaction lost a race with another one and the same work may simply be retried
     *         (SQLSTATE 40001 serialization failure, 40P01 deadlock)
     */
    public boolean isTransientConflict(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** @return the most specific message of the exception chain */
    protected static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message.strip();
    }
}
