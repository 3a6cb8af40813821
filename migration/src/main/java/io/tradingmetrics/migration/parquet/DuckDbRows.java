package io.tradingmetrics.migration.parquet;

import io.tradingmetrics.migration.csv.CsvValues;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.Timestamps;
import org.duckdb.DuckDBAppender;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns of one table in the scratch database and in Parquet files: the older system's column names,
 * timestamps as TIMESTAMPTZ (microseconds, UTC), labels as JSON text. Reads select the timestamp as epoch
 * microseconds, so that no time zone is ever involved.
 *
 * @param <T> the row type
 */
abstract sealed class DuckDbRows<T> permits DuckDbRows.Metrics, DuckDbRows.Candles, DuckDbRows.Performance {
    static final Metrics METRICS = new Metrics();
    static final Candles CANDLES = new Candles();
    static final Performance PERFORMANCE = new Performance();

    @SuppressWarnings("unchecked")
    static <T> DuckDbRows<T> of(StoreTable table) {
        return (DuckDbRows<T>) switch (table) {
            case TRADING_METRICS -> METRICS;
            case CANDLES -> CANDLES;
            case PERFORMANCE_HISTORY -> PERFORMANCE;
        };
    }

    /** A column: its name, its SQL type, and whether every row has a value. */
    record Column(String name, String type, boolean notNull) {}

    /** @return the columns, the timestamp first, in the order {@link #read} reads them */
    abstract List<Column> columns();

    /** @return the column definitions, for CREATE TABLE */
    final String columnDefinitions() {
        return columns().stream().map(c -> c.name() + " " + c.type() + (c.notNull() ? " NOT NULL" : ""))
                .collect(Collectors.joining(", "));
    }

    /**
     * @param present the columns the queried relation has; an absent column reads as NULL
     * @return the select list that {@link #read} reads, each column cast to its type, the timestamp as epoch micros
     */
    final String selectList(Set<String> present) {
        return columns().stream().map(c -> {
            String value = present.contains(c.name()) ? "CAST(\"" + c.name() + "\" AS " + c.type() + ")" : "NULL";
            return c.type().equals("TIMESTAMPTZ") ? "epoch_us(" + value + ")" : value;
        }).collect(Collectors.joining(", "));
    }

    abstract void append(DuckDBAppender appender, T row) throws SQLException;

    abstract T read(ResultSet rows) throws SQLException;

    static OptionalDouble optionalDouble(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    static void append(DuckDBAppender appender, OptionalDouble value) throws SQLException {
        appender.append(value.isPresent() ? Double.valueOf(value.getAsDouble()) : null);
    }

    static final class Metrics extends DuckDbRows<MetricPoint> {
        @Override
        List<Column> columns() {
            return List.of(new Column("timestamp", "TIMESTAMPTZ", true), new Column("metric_name", "VARCHAR", true),
                    new Column("value", "DOUBLE", true), new Column("symbol", "VARCHAR", false),
                    new Column("labels", "VARCHAR", false));
        }

        @Override
        void append(DuckDBAppender appender, MetricPoint row) throws SQLException {
            appender.beginRow()
                    .appendEpochMicros(Timestamps.toEpochMicros(row.timestamp()))
                    .append(row.metricName())
                    .append(row.value())
                    .append(row.symbol().orElse(null))
                    .append(CsvValues.formatLabels(row.labels()))
                    .endRow();
        }

        @Override
        MetricPoint read(ResultSet rows) throws SQLException {
            String labels = rows.getString(5);
            return new MetricPoint(Timestamps.fromEpochMicros(rows.getLong(1)), rows.getString(2), rows.getDouble(3),
                    Optional.ofNullable(rows.getString(4)),
                    labels == null ? Map.of() : CsvValues.parseLabels(labels));
        }
    }

    static final class Candles extends DuckDbRows<Candle> {
        @Override
        List<Column> columns() {
            return List.of(new Column("timestamp", "TIMESTAMPTZ", true), new Column("symbol", "VARCHAR", true),
                    new Column("open", "DOUBLE", true), new Column("high", "DOUBLE", true),
                    new Column("low", "DOUBLE", true), new Column("close", "DOUBLE", true),
                    new Column("volume", "BIGINT", true));
        }

        @Override
        void append(DuckDBAppender appender, Candle row) throws SQLException {
            appender.beginRow()
                    .appendEpochMicros(Timestamps.toEpochMicros(row.timestamp()))
                    .append(row.symbol())
                    .append(row.open())
                    .append(row.high())
                    .append(row.low())
                    .append(row.close())
                    .append(row.volume())
                    .endRow();
        }

        @Override
        Candle read(ResultSet rows) throws SQLException {
            return new Candle(Timestamps.fromEpochMicros(rows.getLong(1)), rows.getString(2), rows.getDouble(3),
                    rows.getDouble(4), rows.getDouble(5), rows.getDouble(6), rows.getLong(7));
        }
    }

    static final class Performance extends DuckDbRows<PerformanceSnapshot> {
        @Override
        List<Column> columns() {
            return List.of(new Column("timestamp", "TIMESTAMPTZ", true), new Column("portfolio_value", "DOUBLE", true),
                    new Column("pnl", "DOUBLE", true), new Column("sharpe_ratio", "DOUBLE", false),
                    new Column("max_drawdown", "DOUBLE", false), new Column("win_rate", "DOUBLE", false),
                    new Column("total_trades", "INTEGER", false));
        }

        @Override
        void append(DuckDBAppender appender, PerformanceSnapshot row) throws SQLException {
            appender.beginRow()
                    .appendEpochMicros(Timestamps.toEpochMicros(row.timestamp()))
                    .append(row.portfolioValue())
                    .append(row.pnl());
            append(appender, row.sharpeRatio());
            append(appender, row.maxDrawdown());
            append(appender, row.winRate());
            appender.append(row.totalTrades().isPresent() ? Integer.valueOf(row.totalTrades().getAsInt()) : null)
                    .endRow();
        }

        @Override
        PerformanceSnapshot read(ResultSet rows) throws SQLException {
            int trades = rows.getInt(7);
            OptionalInt totalTrades = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(trades);
            return new PerformanceSnapshot(Timestamps.fromEpochMicros(rows.getLong(1)), rows.getDouble(2),
                    rows.getDouble(3), optionalDouble(rows, 4), optionalDouble(rows, 5), optionalDouble(rows, 6),
                    totalTrades);
        }
    }
}
