package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.jdbc.JdbcValues;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Deletes time ranges from hypertables by dropping the chunks that lie wholly inside them, deleting row by row only
 * at the partial chunks of the edges. Tables that are not hypertables (a plain table adopted from the older system)
 * get a plain DELETE.
 */
final class ChunkRetention {
    private final TimescaleFeatures features;

    ChunkRetention(TimescaleFeatures features) {
        this.features = requireNonNull(features, "features is null");
    }

    /** @return the rows deleted, counted before their chunks are dropped; run inside the caller's transaction */
    long deleteRange(Connection connection, StoreTable table, TimeRange range) throws SQLException {
        long deleted = 0;
        if (isHypertable(connection, table)) {
            Instant[] whole = wholeChunks(connection, table, range);
            if (whole != null) {
                // Chunks partition time, so the rows in [first chunk start, last chunk end) are exactly the rows
                // of the chunks lying in the range: count them, then drop those chunks.
                deleted += countRows(connection, table, whole[0], whole[1]);
                try (PreparedStatement drop = connection.prepareStatement("SELECT count(*) FROM "
                        + features.functionSchema() + ".drop_chunks(format('%I.%I', current_schema(), ?)::regclass,"
                        + " older_than => ?, newer_than => ?)")) {
                    drop.setString(1, table.tableName());
                    drop.setObject(2, JdbcValues.toUtc(whole[1]));
                    drop.setObject(3, JdbcValues.toUtc(whole[0]));
                    drop.executeQuery().close();
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table.tableName()
                + " WHERE timestamp >= ? AND timestamp < ?")) {
            delete.setObject(1, JdbcValues.toUtc(range.from()));
            delete.setObject(2, JdbcValues.toUtc(range.to()));
            deleted += delete.executeLargeUpdate();
        }
        return deleted;
    }

    /** @return the names of the store's tables that are hypertables */
    List<String> hypertables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT hypertable_name FROM"
                + " timescaledb_information.hypertables WHERE hypertable_schema = current_schema()"
                + " ORDER BY hypertable_name");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static boolean isHypertable(Connection connection, StoreTable table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM"
                + " timescaledb_information.hypertables WHERE hypertable_schema = current_schema()"
                + " AND hypertable_name = ?)")) {
            statement.setString(1, table.tableName());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** @return the start of the first and the end of the last chunk lying wholly in the range, or null for none */
    private static Instant[] wholeChunks(Connection connection, StoreTable table, TimeRange range) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT min(range_start), max(range_end)"
                + " FROM timescaledb_information.chunks WHERE hypertable_schema = current_schema()"
                + " AND hypertable_name = ? AND range_start >= ? AND range_end <= ?")) {
            statement.setString(1, table.tableName());
            statement.setObject(2, JdbcValues.toUtc(range.from()));
            statement.setObject(3, JdbcValues.toUtc(range.to()));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                OffsetDateTime start = row.getObject(1, OffsetDateTime.class);
                OffsetDateTime end = row.getObject(2, OffsetDateTime.class);
                return start == null ? null : new Instant[] {start.toInstant(), end.toInstant()};
            }
        }
    }

    private static long countRows(Connection connection, StoreTable table, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + table.tableName()
                + " WHERE timestamp >= ? AND timestamp < ?")) {
            statement.setObject(1, JdbcValues.toUtc(from));
            statement.setObject(2, JdbcValues.toUtc(to));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
