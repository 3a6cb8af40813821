package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.jdbc.ConnectionsOnlyDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A {@link javax.sql.DataSource} over the open database, for Flyway: each connection is a new duplicate of the store's root
 * connection (a second open of the file would be refused, and an in-memory database exists only through it), closed
 * by whoever asked for it.
 */
final class DuplicatingDataSource extends ConnectionsOnlyDataSource {
    private final DuckDbConnectionSource source;

    DuplicatingDataSource(DuckDbConnectionSource source) {
        this.source = source;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return source.newDuplicate();
    }
}
