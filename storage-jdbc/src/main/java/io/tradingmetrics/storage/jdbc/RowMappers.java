package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** Maps rows of the store's column lists, in the order of {@link TableColumns}, to records. */
public final class RowMappers {

    private RowMappers() {}

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /**
     * @param textsAsBytes whether the rows hold the texts as UTF-8 bytes ({@link SqlDialect#selectText})
     * @param parsedLabels the labels texts the store has parsed
     * @return a mapper of rows of {@link ReadSql#metricColumns} to points, for one query (not thread-safe): a row
     *         with the labels text of the row before it takes that row's map without a look-up
     */
    public static RowMapper<MetricPoint> metricPoints(boolean textsAsBytes, ParsedLabels parsedLabels) {
        return new RowMapper<>() {
            private String previousText;
            private Map<String, String> previousLabels = Map.of();

            @Override
            public MetricPoint map(ResultSet row) throws SQLException {
                String text = JdbcValues.text(row, 5, textsAsBytes);
                try {
                    return new MetricPoint(JdbcValues.instant(row, 1), JdbcValues.text(row, 2, textsAsBytes),
                            row.getDouble(3), Optional.ofNullable(JdbcValues.text(row, 4, textsAsBytes)),
                            labels(text));
                } catch (InvalidInputException e) {
                    throw storedOutsideTheLimits(e);
                }
            }

            private Map<String, String> labels(String text) {
                if (text == null) {
                    return Map.of();
                }
                if (!text.equals(previousText)) {
                    previousLabels = parsedLabels.of(text);
                    previousText = text;
                }
                return previousLabels;
            }
        };
    }

    /** @return the candle of a row of {@link TableColumns#CANDLES} */
    public static Candle candle(ResultSet row) throws SQLException {
        try {
            return new Candle(JdbcValues.instant(row, 1), row.getString(2), row.getDouble(3), row.getDouble(4),
                    row.getDouble(5), row.getDouble(6), row.getLong(7));
        } catch (InvalidInputException e) {
            throw storedOutsideTheLimits(e);
        }
    }

    /**
     * A row stored before {@link io.tradingmetrics.storage.api.StoreLimits} (or by the older system) that the value
     * types refuse: reported as an unreadable stored row, not as the caller's bad input.
     */
    private static IllegalArgumentException storedOutsideTheLimits(InvalidInputException e) {
        return new IllegalArgumentException("it is outside the store's limits: " + e.getMessage(), e);
    }

    /** @return the snapshot of a row of {@link TableColumns#PERFORMANCE} */
    public static PerformanceSnapshot performanceSnapshot(ResultSet row) throws SQLException {
        return new PerformanceSnapshot(JdbcValues.instant(row, 1), row.getDouble(2), row.getDouble(3),
                JdbcValues.optionalDouble(row, 4), JdbcValues.optionalDouble(row, 5),
                JdbcValues.optionalDouble(row, 6), JdbcValues.optionalInt(row, 7));
    }
}
