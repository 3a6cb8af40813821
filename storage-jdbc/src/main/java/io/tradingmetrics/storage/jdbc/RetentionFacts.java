package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.RetentionPlan;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a retention plan needs to know, read on the connection of the run's transaction, so that the guards are
 * checked against exactly the rows the deletes then see.
 */
final class RetentionFacts implements RetentionPlan.StoreFacts {
    /** Carries an SQLException through the plan's callbacks, which cannot throw it. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private record Counted(long rows, Optional<Instant> newest) {}

    private final Connection connection;
    private final ReadSql reads;
    private final Map<StoreTable, Counted> counted = new EnumMap<>(StoreTable.class);

    RetentionFacts(Connection connection, ReadSql reads) {
        this.connection = requireNonNull(connection, "connection is null");
        this.reads = requireNonNull(reads, "reads is null");
    }

    @Override
    public long rows(StoreTable table) {
        return counted(table).rows();
    }

    @Override
    public Optional<Instant> newest(StoreTable table) {
        return counted(table).newest();
    }

    @Override
    public long rowsBefore(StoreTable table, Instant cutoff) {
        SqlBuilder sql = reads.count(table, TimeRange.of(TimeRange.all().from(), cutoff));
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    private Counted counted(StoreTable table) {
        Counted known = counted.get(table);
        if (known != null) {
            return known;
        }
        SqlBuilder sql = reads.tableStats(table);
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                Counted read = new Counted(row.getLong(1), JdbcValues.optionalInstant(row, 3));
                counted.put(table, read);
                return read;
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }
}
