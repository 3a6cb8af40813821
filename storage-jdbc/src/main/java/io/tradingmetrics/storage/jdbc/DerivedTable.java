package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.TimeRange;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A table derived from {@code trading_metrics} (the series catalogue, rollups) that {@link JdbcMetricsStore} keeps
 * exact by maintaining it in the transaction of every write and delete of points: a reader never sees points
 * without what was derived from them, nor the other way round, and a rolled-back write leaves neither.
 *
 * <p>The store calls, in the transaction and in the order the tables were given:
 * <ul>
 *   <li>{@link #pointsAppended} after each {@code insertMetrics} batch was appended to {@code trading_metrics};</li>
 *   <li>{@link #beforePointsDeleted} and {@link #afterPointsDeleted} around every deletion of points in a range
 *       ({@code deleteRange}, retention), before: the rows are still there, after: they are gone.</li>
 * </ul>
 * An implementation works set-based (a few statements per batch, never one per point), lets an
 * {@link SQLException} escape (the store rolls back and translates it), and neither commits nor rolls back.
 */
public interface DerivedTable {

    /** Brings the table up to date with a batch of points just appended to {@code trading_metrics}. */
    void pointsAppended(Connection connection, AppendedPoints batch) throws SQLException;

    /** Called before the points in the range are deleted, while they can still be read; nothing by default. */
    default void beforePointsDeleted(Connection connection, TimeRange range) throws SQLException {
        // Nothing to read before.
    }

    /** Brings the table up to date after every point in the range was deleted; nothing by default. */
    default void afterPointsDeleted(Connection connection, TimeRange range) throws SQLException {
        // Nothing derived from deleted points.
    }
}
