package io.tradingmetrics.migration.csv;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The CSV form of one table: its columns (named as the older system's tables name them), how a row is written and
 * how a record is read back into a row.
 *
 * @param <T> the row type
 */
public abstract sealed class CsvTableFormat<T> permits CsvTableFormat.Metrics, CsvTableFormat.Candles,
        CsvTableFormat.Performance {
    /** {@code trading_metrics}. */
    public static final Metrics METRICS = new Metrics();
    /** {@code candles}. */
    public static final Candles CANDLES = new Candles();
    /** {@code performance_history}. */
    public static final Performance PERFORMANCE = new Performance();

    private CsvTableFormat() {}

    /** @return the format of a table */
    public static CsvTableFormat<?> of(StoreTable table) {
        return switch (table) {
            case TRADING_METRICS -> METRICS;
            case CANDLES -> CANDLES;
            case PERFORMANCE_HISTORY -> PERFORMANCE;
        };
    }

    /** @return the columns every file must have, in the order this program writes them */
    public abstract List<String> requiredColumns();

    /** @return the columns a file may lack */
    public abstract List<String> optionalColumns();

    /** @return every column, in the order this program writes them */
    public abstract List<String> columns();

    /** @return the row's fields in {@link #columns()} order; {@code null} for an absent value */
    public abstract String[] encode(T row);

    abstract T decodeFields(CsvFields fields);

    /** @return the layout of a file with this header */
    CsvLayout layout(String fileName, CsvReader.Record header) {
        return CsvLayout.of(fileName, header, requiredColumns(), optionalColumns());
    }

    /** @return the row the record holds; a {@link BadRowException} when it holds none */
    T decode(String fileName, CsvReader.Record record, CsvLayout layout) {
        CsvFields fields = new CsvFields(fileName, record, layout);
        try {
            return decodeFields(fields);
        } catch (BadRowException e) {
            throw e;
        } catch (MetricsStoreException e) {
            throw fields.failRow(e.getMessage());
        }
    }

    /** The columns of {@code trading_metrics}. */
    public static final class Metrics extends CsvTableFormat<MetricPoint> {
        private Metrics() {}

        @Override
        public List<String> requiredColumns() {
            return List.of("timestamp", "metric_name", "value");
        }

        @Override
        public List<String> optionalColumns() {
            return List.of("symbol", "labels");
        }

        @Override
        public List<String> columns() {
            return List.of("timestamp", "metric_name", "value", "symbol", "labels");
        }

        @Override
        public String[] encode(MetricPoint row) {
            return new String[] {CsvValues.formatTimestamp(row.timestamp()), row.metricName(),
                    CsvValues.formatDouble(row.value()), row.symbol().orElse(null),
                    CsvValues.formatLabels(row.labels())};
        }

        @Override
        MetricPoint decodeFields(CsvFields fields) {
            return new MetricPoint(fields.timestamp("timestamp"), fields.text("metric_name"), fields.number("value"),
                    fields.optionalText("symbol"), fields.labels("labels"));
        }
    }

    /** The columns of {@code candles}. */
    public static final class Candles extends CsvTableFormat<Candle> {
        private Candles() {}

        @Override
        public List<String> requiredColumns() {
            return columns();
        }

        @Override
        public List<String> optionalColumns() {
            return List.of();
        }

        @Override
        public List<String> columns() {
            return List.of("timestamp", "symbol", "open", "high", "low", "close", "volume");
        }

        @Override
        public String[] encode(Candle row) {
            return new String[] {CsvValues.formatTimestamp(row.timestamp()), row.symbol(),
                    CsvValues.formatDouble(row.open()), CsvValues.formatDouble(row.high()),
                    CsvValues.formatDouble(row.low()), CsvValues.formatDouble(row.close()),
                    Long.toString(row.volume())};
        }

        @Override
        Candle decodeFields(CsvFields fields) {
            return new Candle(fields.timestamp("timestamp"), fields.text("symbol"), fields.number("open"),
                    fields.number("high"), fields.number("low"), fields.number("close"),
                    fields.wholeNumber("volume"));
        }
    }

    /** The columns of {@code performance_history}. */
    public static final class Performance extends CsvTableFormat<PerformanceSnapshot> {
        private Performance() {}

        @Override
        public List<String> requiredColumns() {
            return List.of("timestamp", "portfolio_value", "pnl");
        }

        @Override
        public List<String> optionalColumns() {
            return List.of("sharpe_ratio", "max_drawdown", "win_rate", "total_trades");
        }

        @Override
        public List<String> columns() {
            return List.of("timestamp", "portfolio_value", "pnl", "sharpe_ratio", "max_drawdown", "win_rate",
                    "total_trades");
        }

        @Override
        public String[] encode(PerformanceSnapshot row) {
            return new String[] {CsvValues.formatTimestamp(row.timestamp()),
                    CsvValues.formatDouble(row.portfolioValue()), CsvValues.formatDouble(row.pnl()),
                    format(row.sharpeRatio()), format(row.maxDrawdown()), format(row.winRate()),
                    row.totalTrades().isPresent() ? Integer.toString(row.totalTrades().getAsInt()) : null};
        }

        private static String format(OptionalDouble value) {
            return value.isPresent() ? CsvValues.formatDouble(value.getAsDouble()) : null;
        }

        @Override
        PerformanceSnapshot decodeFields(CsvFields fields) {
            OptionalInt trades = fields.optionalInt("total_trades");
            return new PerformanceSnapshot(fields.timestamp("timestamp"), fields.number("portfolio_value"),
                    fields.number("pnl"), fields.optionalNumber("sharpe_ratio"), fields.optionalNumber("max_drawdown"),
                    fields.optionalNumber("win_rate"), trades);
        }
    }
}
