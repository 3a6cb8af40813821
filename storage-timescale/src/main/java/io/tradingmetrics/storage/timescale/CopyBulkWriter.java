package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.jdbc.BulkWriter;
import io.tradingmetrics.storage.jdbc.LabelsJson;
import io.tradingmetrics.storage.jdbc.UpsertSql;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's bulk path: binary {@code COPY} into {@code trading_metrics}, and for upserts {@code COPY} into a
 * temporary staging table followed by one {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}. Runs inside the
 * caller's transaction and neither commits nor rolls back.
 */
final class CopyBulkWriter implements BulkWriter {

    @Override
    public void appendMetrics(Connection connection, List<MetricPoint> points) throws SQLException {
        BinaryCopyStream copy = start(connection,
                "COPY trading_metrics (timestamp, metric_name, value, symbol, labels) FROM STDIN (FORMAT binary)");
        try {
            for (MetricPoint point : points) {
                Map<String, String> labels = point.labels();
                copy.row(5).timestamptz(point.timestamp()).text(point.metricName()).float8(point.value())
                        .text(point.symbol()).jsonb(labels, () -> LabelsJson.write(labels));
            }
            copy.finish();
        } catch (SQLException | RuntimeException e) {
            copy.cancel();
            throw e;
        }
    }

    @Override
    public void upsertCandles(Connection connection, List<Candle> candles) throws SQLException {
        stage(connection, UpsertSql.CANDLES_STAGING, UpsertSql.candleColumns("TIMESTAMPTZ"));
        BinaryCopyStream copy = start(connection, "COPY " + UpsertSql.CANDLES_STAGING
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
        execute(connection, UpsertSql.upsertCandlesFrom(UpsertSql.CANDLES_STAGING));
    }

    @Override
    public void upsertPerformance(Connection connection, List<PerformanceSnapshot> snapshots) throws SQLException {
        stage(connection, UpsertSql.PERFORMANCE_STAGING, UpsertSql.performanceColumns("TIMESTAMPTZ"));
        BinaryCopyStream copy = start(connection, "COPY " + UpsertSql.PERFORMANCE_STAGING + " (timestamp,"
                + " portfolio_value, pnl, sharpe_ratio, max_drawdown, win_rate, total_trades) FROM STDIN (FORMAT binary)");
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
        execute(connection, UpsertSql.upsertPerformanceFrom(UpsertSql.PERFORMANCE_STAGING));
    }

    /**
     * Makes the session's staging table ready. It lives as long as the pooled connection and is emptied at every
     * commit, so neither a committed nor a rolled-back write leaves rows for the next one.
     */
    private static void stage(Connection connection, String table, String columns) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet row = statement.executeQuery("SELECT to_regclass('pg_temp." + table + "') IS NOT NULL")) {
                row.next();
                exists = row.getBoolean(1);
            }
            if (!exists) {
                statement.execute("CREATE TEMPORARY TABLE " + table + " " + columns + " ON COMMIT DELETE ROWS");
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static BinaryCopyStream start(Connection connection, String copySql) throws SQLException {
        return new BinaryCopyStream(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql));
    }
}
