package io.tradingmetrics.migration.parquet;

import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.TimeRanges;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Checked rows on their way from files to a store, in a scratch DuckDB file: every row of every file is read and
 * checked into it before anything is written to the target, so that a bad row stops the import with nothing written.
 * Then it is the {@link RowSource} of an ordinary (checkpointed, resumable) migration.
 */
public final class StagingArea implements RowSource {
    private final String id;
    private final ScratchDuckDb database;
    private final Set<StoreTable> staged = EnumSet.noneOf(StoreTable.class);

    private StagingArea(String id, ScratchDuckDb database) {
        this.id = id;
        this.database = database;
    }

    /** Creates an empty staging area in a scratch file, deleted on close. */
    public static StagingArea create(String id, Path file) {
        return new StagingArea(id, ScratchDuckDb.create(file));
    }

    ScratchDuckDb database() {
        return database;
    }

    /** Rows of one table being added. */
    public final class TableStager<T> implements AutoCloseable {
        private final DuckDbRows<T> rows;
        private final DuckDBAppender appender;

        private TableStager(StoreTable table) throws SQLException {
            this.rows = DuckDbRows.of(table);
            this.appender = database.appender(table.tableName());
        }

        public void add(T row) throws SQLException {
            rows.append(appender, row);
        }

        @Override
        public void close() throws SQLException {
            appender.close();
        }
    }

    /** Creates the table (once per import: two files of one table are refused earlier) and returns its stager. */
    public <T> TableStager<T> stage(StoreTable table) {
        try {
            if (!staged.add(table)) {
                throw new IllegalStateException(table + " staged twice");
            }
            database.execute("CREATE TABLE " + table.tableName() + " (" + DuckDbRows.of(table).columnDefinitions()
                    + ")");
            return new TableStager<>(table);
        } catch (SQLException e) {
            throw failure("prepare staging of " + table.tableName(), e);
        }
    }

    /**
     * @return a key that occurs more than once in a keyed table (candles: timestamp and symbol; snapshots:
     *         timestamp), described, or empty when every key is unique or the table appends (points)
     */
    public synchronized Optional<String> firstDuplicateKey(StoreTable table) {
        String key = switch (table) {
            case TRADING_METRICS -> null;
            case CANDLES -> "timestamp, symbol";
            case PERFORMANCE_HISTORY -> "timestamp";
        };
        if (key == null || !staged.contains(table)) {
            return Optional.empty();
        }
        try (PreparedStatement statement = database.connection().prepareStatement("SELECT epoch_us(timestamp), "
                + (table == StoreTable.CANDLES ? "symbol" : "NULL") + ", count(*) FROM " + table.tableName()
                + " GROUP BY " + key + " HAVING count(*) > 1 ORDER BY 1 LIMIT 1");
             ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                return Optional.empty();
            }
            return Optional.of(result.getLong(3) + " rows share the key (" + key + ") = ("
                    + TimeRanges.format(Timestamps.fromEpochMicros(result.getLong(1)))
                    + (result.getString(2) == null ? "" : ", " + result.getString(2)) + ")");
        } catch (SQLException e) {
            throw failure("check the keys of " + table.tableName(), e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized Optional<TimeRange> extent(StoreTable table) {
        if (!staged.contains(table)) {
            return Optional.empty();
        }
        try (PreparedStatement statement = database.connection().prepareStatement(
                "SELECT min(epoch_us(timestamp)), max(epoch_us(timestamp)) FROM " + table.tableName());
             ResultSet result = statement.executeQuery()) {
            result.next();
            long min = result.getLong(1);
            if (result.wasNull()) {
                return Optional.empty();
            }
            return Optional.of(TimeRanges.enclosing(Timestamps.fromEpochMicros(min),
                    Timestamps.fromEpochMicros(result.getLong(2))));
        } catch (SQLException e) {
            throw failure("read the extent of " + table.tableName(), e);
        }
    }

    @Override
    public synchronized long count(StoreTable table, TimeRange range) {
        if (!staged.contains(table)) {
            return 0;
        }
        try (PreparedStatement statement = database.connection().prepareStatement(
                "SELECT count(*) FROM " + table.tableName() + " WHERE timestamp >= ? AND timestamp < ?")) {
            bind(statement, range);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("count " + table.tableName(), e);
        }
    }

    @Override
    public Stream<MetricPoint> streamMetrics(TimeRange range) {
        return stream(StoreTable.TRADING_METRICS, range);
    }

    @Override
    public Stream<Candle> streamCandles(TimeRange range) {
        return stream(StoreTable.CANDLES, range);
    }

    @Override
    public Stream<PerformanceSnapshot> streamPerformance(TimeRange range) {
        return stream(StoreTable.PERFORMANCE_HISTORY, range);
    }

    /** Each stream reads on its own duplicate connection, so that chunks can be read in parallel. */
    private <T> Stream<T> stream(StoreTable table, TimeRange range) {
        if (!staged.contains(table)) {
            return Stream.empty();
        }
        DuckDbRows<T> rows = DuckDbRows.of(table);
        try {
            Connection connection = duplicateConnection();
            PreparedStatement statement = connection.prepareStatement("SELECT " + rows.selectList(
                    Set.of(rows.columns().stream().map(DuckDbRows.Column::name).toArray(String[]::new)))
                    + " FROM " + table.tableName() + " WHERE timestamp >= ? AND timestamp < ? ORDER BY timestamp");
            bind(statement, range);
            ResultSet result = statement.executeQuery();
            Runnable release = () -> {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // Closing a scratch connection loses nothing.
                }
            };
            Spliterator<T> spliterator = new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE,
                    Spliterator.ORDERED | Spliterator.NONNULL) {
                @Override
                public boolean tryAdvance(Consumer<? super T> action) {
                    try {
                        if (!result.next()) {
                            return false;
                        }
                        action.accept(rows.read(result));
                        return true;
                    } catch (SQLException e) {
                        throw failure("read staged " + table.tableName(), e);
                    }
                }
            };
            return StreamSupport.stream(spliterator, false).onClose(release);
        } catch (SQLException e) {
            throw failure("read staged " + table.tableName(), e);
        }
    }

    /** The staging connection is shared by planning and by the reading threads; JDBC connections are not. */
    private synchronized Connection duplicateConnection() throws SQLException {
        return database.connection().unwrap(DuckDBConnection.class).duplicate();
    }

    private static void bind(PreparedStatement statement, TimeRange range) throws SQLException {
        statement.setObject(1, utc(range.from()));
        statement.setObject(2, utc(range.to()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private MigrationException failure(String action, SQLException e) {
        return new MigrationException("cannot " + action + " in the staging database: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        database.close();
    }
}
