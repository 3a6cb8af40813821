package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.PerformanceSummary;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Maps the row of {@link ReadSql#performanceSummary} to a summary. */
final class PerformanceSummaries {
    private PerformanceSummaries() {}

    static Optional<PerformanceSummary> fromRow(ResultSet row) throws SQLException {
        long snapshots = row.getLong(1);
        if (snapshots == 0) {
            return Optional.empty();
        }
        double startValue = row.getDouble(4);
        double endValue = row.getDouble(5);
        return Optional.of(new PerformanceSummary(JdbcValues.instant(row, 2), JdbcValues.instant(row, 3), snapshots,
                startValue, endValue, row.getDouble(6), row.getDouble(7), row.getDouble(8),
                JdbcValues.optionalDouble(row, 9), JdbcValues.optionalDouble(row, 10),
                JdbcValues.optionalDouble(row, 11), row.getLong(12),
                PerformanceSummary.returnPercent(startValue, endValue)));
    }
}
