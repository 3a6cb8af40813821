package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.storage.api.WriteId;
import io.tradingmetrics.storage.api.WriteOutcomeUnknownException;
import io.tradingmetrics.storage.jdbc.RowMappers.RowMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Runs SQL on borrowed connections: always gives them back, ends transactions, and translates errors. Shared by
 * every JDBC store so that connection handling is written once.
 */
public final class JdbcExecutor {
    /** How many times a write that lost a race with a concurrent transaction is tried in all. */
    private static final int WRITE_ATTEMPTS = 10;

    private final ConnectionSource connections;
    private final SqlDialect dialect;
    private final SqlErrorTranslator errors;
    private final OpenStreams streams;

    public JdbcExecutor(ConnectionSource connections, SqlDialect dialect, SqlErrorTranslator errors) {
        this.connections = requireNonNull(connections, "connections is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.errors = requireNonNull(errors, "errors is null");
        this.streams = new OpenStreams(connections.description(), connections.streamLimit());
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** @return the work's result, run on a connection in auto-commit mode */
    public <T> T withConnection(String action, ConnectionWork<T> work) {
        return withConnection(action, work, false);
    }

    /** @return the result of work that only reads, run on a connection in auto-commit mode */
    public <T> T reading(String action, ConnectionWork<T> work) {
        return withConnection(action, work, true);
    }

    private <T> T withConnection(String action, ConnectionWork<T> work, boolean read) {
        Connection connection = borrow(action);
        boolean broken = false;
        try {
            return work.run(connection);
        } catch (SQLException e) {
            broken = errors.isUnavailable(e);
            throw read ? errors.translateRead(action, e) : errors.translate(action, e);
        } catch (IllegalArgumentException e) {
            broken = true;
            throw unreadableRow(action, e);
        } catch (RuntimeException e) {
            broken = true;
            throw e;
        } finally {
            connections.giveBack(connection, broken);
        }
    }

    /** A stored value that does not map to a record (labels that are not a JSON object, for example). */
    static MetricsStoreException unreadableRow(String action, IllegalArgumentException e) {
        return new MetricsStoreException("cannot " + action + ": a stored row cannot be read (" + e.getMessage()
                + "); find the row with SQL and correct or delete it", e);
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws. Work that lost a race
     * with a concurrent transaction ({@link SqlErrorTranslator#isTransientConflict}) is retried from the start, so
     * it must not have effects outside the database.
     */
    public <T> T inTransaction(String action, ConnectionWork<T> work) {
        return transaction(action, null, work, null);
    }

    /** Work of a write transaction. */
    @FunctionalInterface
    public interface WriteWork {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs a write in one transaction that also records its id ({@link WriteLog}), retried as {@link #inTransaction}
     * when it loses a race. When the id is recorded already, nothing is written. When the commit fails, the outcome
     * is looked up on a new connection before anything is reported: committed counts as success, not committed
     * throws the commit's error, and a failed look-up throws {@link WriteOutcomeUnknownException}.
     *
     * @return true when this call stored the write, false when a write of the same id had committed before
     */
    public boolean write(String action, WriteId id, WriteWork work) {
        requireNonNull(id, "id is null");
        return transaction(action, id, connection -> {
            work.run(connection);
            return true;
        }, false);
    }

    /**
     * @param id the write's id to record, or null for a transaction without one
     * @param whenRecorded the result when the id was recorded already (the work is then not run)
     */
    private <T> T transaction(String action, WriteId id, ConnectionWork<T> work, T whenRecorded) {
        for (int attempt = 1; ; attempt++) {
            Connection connection = borrow(action);
            boolean broken = false;
            boolean committing = false;
            T result = null;
            try {
                dialect.beginTransaction(connection);
                if (id != null && !WriteLog.record(connection, id, Instant.now())) {
                    rollBack(connection);
                    return whenRecorded;
                }
                result = work.run(connection);
                committing = true;
                connection.commit();
                return result;
            } catch (SQLException e) {
                broken = !rollBack(connection) || errors.isUnavailable(e);
                if (committing && id != null) {
                    // The connection is no use for the look-up: it failed, or it still runs the commit.
                    connections.giveBack(connection, true);
                    connection = null;
                    LookUp outcome = lookUp(id);
                    if (outcome == LookUp.COMMITTED) {
                        return result;
                    }
                    if (outcome instanceof LookUp.Failed failed) {
                        throw outcomeUnknown(action, id, e, failed.cause());
                    }
                }
                if (attempt < WRITE_ATTEMPTS && errors.isTransientConflict(e)) {
                    backOff(attempt);
                    continue;
                }
                throw errors.translate(action, e);
            } catch (RuntimeException | Error e) {
                broken = !rollBack(connection);
                throw e;
            } finally {
                if (connection != null) {
                    broken |= !restoreAutoCommit(connection);
                    connections.giveBack(connection, broken);
                }
            }
        }
    }

    /** How long the look-up of a write id waits for the lost transaction to end, when it still holds the id. */
    private static final Duration LOOK_UP_LOCK_WAIT = Duration.ofSeconds(5);

    /** What the look-up of a write id after a failed commit found. */
    private sealed interface LookUp {
        LookUp COMMITTED = new Found(true);
        LookUp NOT_COMMITTED = new Found(false);

        record Found(boolean committed) implements LookUp {}

        record Failed(SQLException cause) implements LookUp {}
    }

    /**
     * Looks the id up by trying to record it in a transaction that is then rolled back: the key's lock makes the
     * attempt wait for a lost transaction that still runs, so that "not recorded" means that it can no longer commit.
     */
    private LookUp lookUp(WriteId id) {
        Connection connection;
        try {
            connection = connections.borrow();
        } catch (SQLException e) {
            return new LookUp.Failed(e);
        }
        boolean broken = false;
        try {
            dialect.beginTransaction(connection);
            dialect.boundLockWait(connection, LOOK_UP_LOCK_WAIT);
            return WriteLog.record(connection, id, Instant.now()) ? LookUp.NOT_COMMITTED : LookUp.COMMITTED;
        } catch (SQLException e) {
            broken = errors.isUnavailable(e);
            return new LookUp.Failed(e);
        } finally {
            broken |= !rollBack(connection);
            broken |= !restoreAutoCommit(connection);
            connections.giveBack(connection, broken);
        }
    }

    private WriteOutcomeUnknownException outcomeUnknown(String action, WriteId id, SQLException commit,
                                                        SQLException lookUp) {
        WriteOutcomeUnknownException unknown = new WriteOutcomeUnknownException("cannot tell whether the "
                + action.replaceFirst("^(insert|upsert) ", "$1 of ") + " was stored in " + errors.storeDescription()
                + ": the commit failed (" + SqlErrorTranslator.rootMessage(commit) + ") and looking up its write id "
                + id + " failed too (" + SqlErrorTranslator.rootMessage(lookUp) + "); either every row is stored or"
                + " none is. Once the store answers again, repeat the write with the same write id (it stores the"
                + " batch only if this attempt did not), or check with: " + WriteLog.checkQuery(id), id, commit);
        unknown.addSuppressed(lookUp);
        return unknown;
    }

    /** Waits a little, growing and jittered, so that racing writers stop colliding. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 1 + 2 * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return every row of the query, mapped */
    public <T> List<T> list(String action, SqlBuilder sql, RowMapper<T> mapper) {
        return reading(action, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
                sql.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> result = new ArrayList<>();
                    while (rows.next()) {
                        result.add(mapper.map(rows));
                    }
                    return result;
                }
            }
        });
    }

    /** @return the update count of a statement run on the given connection */
    public static long update(Connection connection, SqlBuilder sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bind(statement);
            return statement.executeLargeUpdate();
        }
    }

    /**
     * @return a lazy stream of the query's rows, read {@code fetchSize} at a time; closing the stream closes the
     *         result set and statement and gives the connection back. At most
     *         {@link ConnectionSource#streamLimit()} are open at once; {@link #closeStreams()} ends them all.
     */
    public <T> Stream<T> stream(String action, SqlBuilder sql, int fetchSize, RowMapper<T> mapper) {
        OpenStreams.Handle handle = streams.open(action);
        Connection connection;
        try {
            connection = borrow(action);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        PreparedStatement statement = null;
        try {
            // PostgreSQL only honours the fetch size inside a transaction; a read-only one is harmless elsewhere.
            connection.setAutoCommit(false);
            statement = connection.prepareStatement(sql.text());
            statement.setFetchSize(fetchSize);
            sql.bind(statement);
            ResultSet rows = statement.executeQuery();
            PreparedStatement opened = statement;
            handle.attach(statement, () -> endStream(connection, opened, rows));
            return ResultSetStream.of(rows, mapper, handle, e -> errors.translateRead(action, e));
        } catch (SQLException e) {
            closeQuietly(statement);
            rollBack(connection);
            restoreAutoCommit(connection);
            connections.giveBack(connection, errors.isUnavailable(e));
            handle.close();
            throw errors.translateRead(action, e);
        }
    }

    /** Ends every stream still open: called when the store closes, before its connections go. */
    public void closeStreams() {
        streams.closeAll();
    }

    private static void closeQuietly(PreparedStatement statement) {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // The connection is rolled back and given back next, which ends the statement anyway.
            }
        }
    }

    private void endStream(Connection connection, PreparedStatement statement, ResultSet rows) {
        boolean broken = false;
        try {
            rows.close();
            statement.close();
        } catch (SQLException e) {
            broken = true;
        }
        broken |= !rollBack(connection);
        broken |= !restoreAutoCommit(connection);
        connections.giveBack(connection, broken);
    }

    private Connection borrow(String action) {
        try {
            return connections.borrow();
        } catch (PoolExhaustedException e) {
            int streaming = streams.openCount();
            throw new StoreUnavailableException(errors.translate(action, e).getMessage() + (streaming == 0 ? ""
                    : "; streams not yet closed hold " + streaming + " of them: close every stream when done"), e);
        } catch (SQLException e) {
            MetricsStoreException translated = errors.translate(action, e);
            throw translated instanceof StoreUnavailableException ? translated
                    : new StoreUnavailableException(translated.getMessage(), e);
        }
    }

    /** Forgets the write ids recorded before the cutoff, in auto-commit mode. */
    public long pruneWriteIds(Instant cutoff) {
        return withConnection("forget old write ids", connection -> WriteLog.prune(connection, cutoff));
    }

    private static boolean rollBack(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
