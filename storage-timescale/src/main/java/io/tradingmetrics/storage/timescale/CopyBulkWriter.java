package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * PostgreSQL's bulk path: binary {@code COPY} into {@code trading_metrics}, and for upserts {@code COPY} into a
 * temporary staging table followed by one {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}. Runs inside the
 * caller's transaction and neither commits nor rolls back.
 */
final class CopyBulkWriter {
    static final String CANDLES_STAGING = "candles_staging";
    static final String PERFORMANCE_STAGING = "performance_history_staging";

    private final Function<Map<String, String>, String> labelsJson;

    /** @param labelsJson the JSON text stored for a point's labels */
    CopyBulkWriter(Function<Map<String, String>, String> labelsJson) {
        this.labelsJson = requireNonNull(labelsJson, "labelsJson is null");
    }

    long appendMetrics(Connection connection, List<MetricPoint> points) throws SQLException {
        BinaryCopyStream copy = start(connection,
                "COPY trading_metrics (timestamp, metric_name, value, symbol, labels) FROM STDIN (FORMAT binary)");
        try {
            for (MetricPoint point : points) {
                Map<String, String> labels = point.labels();
                copy.row(5).timestamptz(point.timestamp()).text(point.metricName()).float8(point.value())
                        .text(point.symbol()).jsonb(labels, () -> labelsJson.apply(labels));
            }
            return copy.finish();
        } catch (SQLException | RuntimeException e) {
            copy.cancel();
            throw e;
        }
    }

    long upsertCandles(Connection connection, List<Candle> candles) throws SQLException {
        stage(connection, CANDLES_STAGING, "(timestamp TIMESTAMPTZ NOT NULL, symbol TEXT NOT NULL,"
                + " open DOUBLE PRECISION NOT NULL, high DOUBLE PRECISION NOT NULL, low DOUBLE PRECISION NOT NULL,"
                + " close DOUBLE PRECISION NOT NULL, volume BIGINT NOT NULL)");
        BinaryCopyStream copy = start(connection, "COPY " + CANDLES_STAGING
                + " (timestamp, symbol, open, high, low, close, volume) FROM STDIN (FORMAT binary)");
        try {
            for (Candle candle : candles) {
                copy.row(7).timestamptz(candle.timestamp()).text(candle.symbol()).float8(candle.open())
                        .float8(candle.high()).float8(candle.low()).float8(candle.close()).int8(candle.volume());
            }
            copy.finish();
        } catch (SQLException | RuntimeException e) {
            copy.cancel();
            throw e;
        }
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate("INSERT INTO candles (timestamp, symbol, open, high, low, close, volume)"
                    + " SELECT timestamp, symbol, open, high, low, close, volume FROM " + CANDLES_STAGING
                    + " ON CONFLICT (timestamp, symbol) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,"
                    + " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume");
        }
    }

    long upsertPerformance(Connection connection, List<PerformanceSnapshot> snapshots) throws SQLException {
        stage(connection, PERFORMANCE_STAGING, "(timestamp TIMESTAMPTZ NOT NULL,"
                + " portfolio_value DOUBLE PRECISION NOT NULL, pnl DOUBLE PRECISION NOT NULL,"
                + " sharpe_ratio DOUBLE PRECISION, max_drawdown DOUBLE PRECISION, win_rate DOUBLE PRECISION,"
                + " total_trades INTEGER)");
        BinaryCopyStream copy = start(connection, "COPY " + PERFORMANCE_STAGING + " (timestamp, portfolio_value,"
                + " pnl, sharpe_ratio, max_drawdown, win_rate, total_trades) FROM STDIN (FORMAT binary)");
        try {
            for (PerformanceSnapshot snapshot : snapshots) {
                copy.row(7).timestamptz(snapshot.timestamp()).float8(snapshot.portfolioValue()).float8(snapshot.pnl())
                        .float8(snapshot.sharpeRatio()).float8(snapshot.maxDrawdown()).float8(snapshot.winRate())
                        .int4(snapshot.totalTrades());
            }
            copy.finish();
        } catch (SQLException | RuntimeException e) {
            copy.cancel();
            throw e;
        }
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate("INSERT INTO performance_history (timestamp, portfolio_value, pnl,"
                    + " sharpe_ratio, max_drawdown, win_rate, total_trades) SELECT timestamp, portfolio_value, pnl,"
                    + " sharpe_ratio, max_drawdown, win_rate, total_trades FROM " + PERFORMANCE_STAGING
                    + " ON CONFLICT (timestamp) DO UPDATE SET portfolio_value = EXCLUDED.portfolio_value,"
                    + " pnl = EXCLUDED.pnl, sharpe_ratio = EXCLUDED.sharpe_ratio, max_drawdown = EXCLUDED.max_drawdown,"
                    + " win_rate = EXCLUDED.win_rate, total_trades = EXCLUDED.total_trades");
        }
    }

    /**
     * Makes the session's staging table empty and ready. It lives as long as the pooled connection and empties at
     * every commit, so a rolled-back or committed write leaves nothing for the next one.
     */
    private static void stage(Connection connection, String table, String columns) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + table + " " + columns
                    + " ON COMMIT DELETE ROWS");
            statement.execute("TRUNCATE " + table);
        }
    }

    private static BinaryCopyStream start(Connection connection, String copySql) throws SQLException {
        CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        return new BinaryCopyStream(copyManager.copyIn(copySql));
    }
}
