package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.WriteId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The table of the write ids that committed ({@code store_writes(write_id UUID PRIMARY KEY, written_at TIMESTAMPTZ)},
 * created by each backend's Flyway scripts). A write transaction records its id first, so that the id commits if and
 * only if the rows do; after a commit whose outcome is unknown, the id's presence says which it was.
 *
 * <p>One row per transaction, whatever the batch's size. Ids older than the store's retention are pruned.
 */
final class WriteLog {
    /** The table's name. */
    static final String TABLE = "store_writes";

    private static final String RECORD = "INSERT INTO " + TABLE + " (write_id, written_at) VALUES (CAST(? AS UUID), ?)"
            + " ON CONFLICT (write_id) DO NOTHING";

    private WriteLog() {}

    /**
     * Records the id in the connection's transaction. A concurrent uncommitted transaction of the same id makes
     * PostgreSQL wait for its end and DuckDB fail with a conflict.
     *
     * @return false when the id is already recorded: a write of that id committed before
     */
    static boolean record(Connection connection, WriteId id, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RECORD)) {
            statement.setString(1, id.toString());
            statement.setObject(2, JdbcValues.toUtc(now));
            return statement.executeUpdate() == 1;
        }
    }

    /** Forgets the ids written before the cutoff; a retry of such a write is no longer recognised. */
    static long prune(Connection connection, Instant cutoff) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM " + TABLE + " WHERE written_at < ?")) {
            statement.setObject(1, JdbcValues.toUtc(cutoff));
            return statement.executeLargeUpdate();
        }
    }

    /** @return the SQL an operator runs to see whether the write committed */
    static String checkQuery(WriteId id) {
        return "SELECT count(*) FROM " + TABLE + " WHERE write_id = '" + id + "'";
    }
}
