package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** Maps rows of the store's fixed column lists to records. The column lists are the {@code *_COLUMNS} constants. */
public final class RowMappers {
    /** The columns {@link #metricPoint} reads, in order. */
    public static final String METRIC_COLUMNS = "timestamp, metric_name, value, symbol, labels";
    /** The columns {@link #candle} reads, in order. */
    public static final String CANDLE_COLUMNS = "timestamp, symbol, open, high, low, close, volume";
    /** The columns {@link #performanceSnapshot} reads, in order. */
    public static final String PERFORMANCE_COLUMNS =
            "timestamp, portfolio_value, pnl, sharpe_ratio, max_drawdown, win_rate, total_trades";

    private RowMappers() {}

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /**
     * @return a mapper of rows of {@link #METRIC_COLUMNS} to points, for one query (not thread-safe): it parses a
     *         labels text once for a run of rows that repeat it, as rows of one series mostly do
     */
    public static RowMapper<MetricPoint> metricPoints() {
        return new RowMapper<>() {
            private String lastText;
            private Map<String, String> lastLabels = Map.of();

            @Override
            public MetricPoint map(ResultSet row) throws SQLException {
                String text = row.getString(5);
                if (text != null && !text.equals(lastText)) {
                    lastLabels = LabelsJson.read(text);
                    lastText = text;
                }
                return new MetricPoint(JdbcValues.instant(row, 1), row.getString(2), row.getDouble(3),
                        JdbcValues.optionalString(row, 4), text == null ? Map.of() : lastLabels);
            }
        };
    }

    /** @return the candle of a row of {@link #CANDLE_COLUMNS} */
    public static Candle candle(ResultSet row) throws SQLException {
        return new Candle(JdbcValues.instant(row, 1), row.getString(2), row.getDouble(3), row.getDouble(4),
                row.getDouble(5), row.getDouble(6), row.getLong(7));
    }

    /** @return the snapshot of a row of {@link #PERFORMANCE_COLUMNS} */
    public static PerformanceSnapshot performanceSnapshot(ResultSet row) throws SQLException {
        return new PerformanceSnapshot(JdbcValues.instant(row, 1), row.getDouble(2), row.getDouble(3),
                JdbcValues.optionalDouble(row, 4), JdbcValues.optionalDouble(row, 5),
                JdbcValues.optionalDouble(row, 6), JdbcValues.optionalInt(row, 7));
    }
}
