package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.MetricPoint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One batch of points, as {@link JdbcMetricsStore} appended it to {@code trading_metrics}, given to every
 * {@link DerivedTable}. The points are in memory; a derived table that wants them (or rows it computed from them)
 * in SQL stages them into a temporary table of {@code trading_metrics}' columns through the engine's bulk path.
 */
public final class AppendedPoints {
    private final Connection connection;
    private final List<MetricPoint> points;
    private final SqlDialect dialect;
    private final BulkWriter bulkWriter;

    AppendedPoints(Connection connection, List<MetricPoint> points, SqlDialect dialect, BulkWriter bulkWriter) {
        this.connection = requireNonNull(connection, "connection is null");
        this.points = requireNonNull(points, "points is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.bulkWriter = requireNonNull(bulkWriter, "bulkWriter is null");
    }

    /** @return the points of the batch, validated, in the order they were given (not empty) */
    public List<MetricPoint> points() {
        return points;
    }

    /**
     * Loads points into the empty temporary table {@code name}, with the columns of {@link TableColumns#METRICS}
     * (labels typed as the engine's JSON), made ready for this transaction. Drop it with {@link #dropStaging}.
     *
     * @param name a fixed name of the derived table's own (never user input), unique among derived tables
     * @param rows the batch's points, or points computed from them
     * @return the name, for the SQL that reads it
     */
    public String stage(String name, List<MetricPoint> rows) throws SQLException {
        requireNonNull(name, "name is null");
        requireNonNull(rows, "rows is null");
        dialect.createPointStaging(connection, name);
        if (!rows.isEmpty()) {
            bulkWriter.stagePoints(connection, name, rows);
        }
        return name;
    }

    /** Ends a staging table of {@link #stage} after its rows were used, inside the transaction. */
    public void dropStaging(String name) throws SQLException {
        dialect.dropPointStaging(connection, requireNonNull(name, "name is null"));
    }
}
