package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.Timestamps;
import io.tradingmetrics.storage.jdbc.LabelsJson;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The engines' own bulk paths, written as an application would write them without the framework: one transaction
 * per batch, the same rows, into the same table.
 */
final class RawIngest {
    private RawIngest() {}

    /** DuckDB's Appender, row by row, in a transaction per batch. */
    static void appendBatch(Connection connection, List<MetricPoint> points) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1"); // begins the transaction the Appender joins
        }
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(
                DuckDBConnection.DEFAULT_SCHEMA, "trading_metrics")) {
            Map<String, String> lastLabels = null;
            String lastJson = null;
            for (MetricPoint point : points) {
                appender.beginRow()
                        .appendEpochMicros(Timestamps.toEpochMicros(point.timestamp()))
                        .append(point.metricName())
                        .append(point.value());
                if (point.symbol().isPresent()) {
                    appender.append(point.symbol().get());
                } else {
                    appender.appendNull();
                }
                if (point.labels() != lastLabels) {
                    lastLabels = point.labels();
                    lastJson = LabelsJson.write(lastLabels);
                }
                appender.append(lastJson).endRow();
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    /**
     * Rows {@code first .. first + rows - 1} of {@code total} like {@link Dataset}'s, generated inside DuckDB by one
     * {@code INSERT ... SELECT ... FROM range(...)}: the engine's own speed of storing rows, nothing crossing from Java.
     */
    static void generateInDuckDb(Connection connection, long total, long first, long rows) throws SQLException {
        long start = Timestamps.toEpochMicros(Dataset.START);
        long slot = Dataset.WINDOW.toNanos() / 1_000 / ((total + Dataset.SERIES - 1) / Dataset.SERIES);
        String names = Dataset.METRIC_NAMES.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        String symbols = Dataset.SYMBOL_NAMES.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        String labels = "'{\"strategy\":\"market_making\",\"venue\":\"binance\"}', "
                + "'{\"strategy\":\"market_making\",\"venue\":\"kraken\"}', "
                + "'{\"strategy\":\"momentum\",\"venue\":\"coinbase\"}'";
        String series = "(i % " + Dataset.SERIES + ")";
        String sql = "INSERT INTO trading_metrics SELECT make_timestamptz(" + start + " + (i // " + Dataset.SERIES
                + ") * " + slot + " + " + series + " * " + slot / Dataset.SERIES + "), ([" + names + "])[" + series
                + " % 20 + 1], (" + series + " % 20 + 1) * 10.0 + " + series + " // 20 + 5 * sin(i / 40000.0), (["
                + symbols + "])[" + series + " // 20 + 1], (CAST([" + labels + "] AS JSON[]))[" + series
                + " % 20 % 3 + 1] FROM range(" + first + ", " + (first + rows) + ") t(i)";
        try (Statement statement = connection.createStatement()) {
            long inserted = statement.executeLargeUpdate(sql);
            if (inserted != rows) {
                throw new IllegalStateException("generated " + inserted + " rows instead of " + rows);
            }
        }
    }

    /** PostgreSQL's COPY in CSV, through pgjdbc's CopyManager, in a transaction per batch. */
    static void copyBatch(Connection connection, List<MetricPoint> points) throws SQLException {
        StringBuilder csv = new StringBuilder(points.size() * 120);
        Map<String, String> lastLabels = null;
        String lastJson = null;
        for (MetricPoint point : points) {
            if (point.labels() != lastLabels) {
                lastLabels = point.labels();
                lastJson = quoted(LabelsJson.write(lastLabels));
            }
            csv.append(point.timestamp()).append(',').append(quoted(point.metricName())).append(',')
                    .append(point.value()).append(',');
            point.symbol().ifPresent(symbol -> csv.append(quoted(symbol)));
            csv.append(',').append(lastJson).append('\n');
        }
        connection.setAutoCommit(false);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long copied = copy.copyIn("COPY trading_metrics (timestamp, metric_name, value, symbol, labels)"
                    + " FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
            if (copied != points.size()) {
                throw new IllegalStateException("COPY stored " + copied + " rows of " + points.size());
            }
            connection.commit();
        } catch (IOException e) {
            connection.rollback();
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
