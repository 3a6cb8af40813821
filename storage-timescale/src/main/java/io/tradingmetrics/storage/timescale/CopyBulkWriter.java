package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.jdbc.BulkWriter;
import io.tradingmetrics.storage.jdbc.LabelsJson;
import io.tradingmetrics.storage.jdbc.TableColumns;
import io.tradingmetrics.storage.jdbc.rollup.RollupRow;
import io.tradingmetrics.storage.jdbc.rollup.RollupSql;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's bulk path: binary {@code COPY} into {@code trading_metrics}, and for upserts into the staging table
 * that the store made ready. Runs inside the caller's transaction and neither commits nor rolls back.
 */
final class CopyBulkWriter implements BulkWriter {

    @Override
    public void appendMetrics(Connection connection, List<MetricPoint> points) throws SQLException {
        copyPoints(connection, TableColumns.METRICS.tableName(), points);
    }

    @Override
    public void stagePoints(Connection connection, String table, List<MetricPoint> points) throws SQLException {
        copyPoints(connection, table, points);
    }

    private static void copyPoints(Connection connection, String table, List<MetricPoint> points)
            throws SQLException {
        BinaryCopyStream copy = start(connection, table, TableColumns.METRICS);
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
    public void stageCandles(Connection connection, List<Candle> candles) throws SQLException {
        BinaryCopyStream copy = start(connection, TableColumns.CANDLES.stagingTable(), TableColumns.CANDLES);
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
    }

    @Override
    public void stagePerformance(Connection connection, List<PerformanceSnapshot> snapshots) throws SQLException {
        BinaryCopyStream copy = start(connection, TableColumns.PERFORMANCE.stagingTable(), TableColumns.PERFORMANCE);
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
    }

    @Override
    public void stageRollups(Connection connection, String stagingTable, List<RollupRow> rows) throws SQLException {
        BinaryCopyStream copy = new BinaryCopyStream(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + stagingTable + " (" + RollupSql.STAGING_COLUMNS + ") FROM STDIN (FORMAT binary)"));
        try {
            for (RollupRow row : rows) {
                copy.row(12).text(row.level().label()).text(row.metricName()).text(row.symbol())
                        .timestamptz(row.bucket()).int8(row.count()).float8(row.sum()).float8(row.min())
                        .float8(row.max()).timestamptz(row.firstTimestamp()).float8(row.firstValue())
                        .timestamptz(row.lastTimestamp()).float8(row.lastValue());
            }
            copy.finish();
        } catch (SQLException | RuntimeException e) {
            copy.cancel();
            throw e;
        }
    }

    private static BinaryCopyStream start(Connection connection, String target, TableColumns columns)
            throws SQLException {
        return new BinaryCopyStream(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + target + " (" + columns.names() + ") FROM STDIN (FORMAT binary)"));
    }
}
