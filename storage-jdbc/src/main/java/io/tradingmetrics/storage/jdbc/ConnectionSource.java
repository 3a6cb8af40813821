package io.tradingmetrics.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a JDBC store gets its connections: duplicates of one embedded database connection (DuckDB) or a pool
 * (PostgreSQL). Connections handed out are in auto-commit mode with a UTC session time zone.
 *
 * <p>Implementations are thread-safe; a borrowed connection is used by one thread at a time.
 */
public interface ConnectionSource extends AutoCloseable {

    /**
     * @return a connection for the caller's exclusive use until {@link #giveBack} is called
     * @throws SQLException when no connection can be had; translated by the caller
     */
    Connection borrow() throws SQLException;

    /**
     * Takes back a connection from {@link #borrow}. The caller has ended any transaction it began.
     *
     * @param broken whether the connection failed in a way that makes it unfit for reuse
     */
    void giveBack(Connection connection, boolean broken);

    /**
     * @return the most streams (each holding a connection until closed) the store keeps open at once; a pool leaves
     *         room for other calls
     */
    default int streamLimit() {
        return 16;
    }

    /** @return what the connections lead to, for messages: a file or a server address, never a password */
    String description();

    /** Closes the source; connections given back later are closed rather than kept. Idempotent. */
    @Override
    void close();
}
