package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.Timestamps;
import io.tradingmetrics.storage.jdbc.LabelsJson;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionBuilder;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A DuckDB table function, written in Java, that yields the rows of a batch of points which Java code has
 * {@linkplain #offer offered} under a handle: {@code SELECT * FROM tradingmetrics_point_batch(<handle>)}. It fills
 * DuckDB's data chunks straight through their memory, 2,048 rows per call, where the Appender pays a native call per
 * value; an {@code INSERT ... SELECT} from it stores a batch about twice as fast (see BENCHMARKS.md).
 *
 * <p>It runs on one thread and yields the rows in the batch's order. DuckDB would insert from several threads only
 * with {@code preserve_insertion_order = false}, a setting of the whole database under which DuckDB 2.0 also returned
 * streamed {@code ORDER BY} results out of order (the compatibility kit's streaming test caught it).
 *
 * <p>Columns: {@code micros} (BIGINT, epoch microseconds), {@code value} (DOUBLE), then {@code metric_name},
 * {@code symbol} and {@code labels}, each either an INTEGER code into the batch's dictionary of that column or
 * the text itself (see {@link EncodedPoints}).
 *
 * <p>A failure inside the function (for example a list that throws when read) ends the scan early and is handed to
 * the caller by {@link #withdraw}, who fails the insert, so that its transaction is rolled back.
 */
final class PointBatchScan implements DuckDBTableFunction<PointBatchScan.Batch, PointBatchScan.Cursor, Object> {
    /** The function's name in the database; distinctive, since it shares the catalog with the user's objects. */
    static final String NAME = "tradingmetrics_point_batch";

    /** Batches on offer, by handle. Static: the function may have been registered by another store of the JVM. */
    private static final Map<Long, Batch> OFFERED = new ConcurrentHashMap<>();
    private static final AtomicLong HANDLES = new AtomicLong();

    /** Registers the function in the database of the connection; registering again is harmless. */
    static void register(Connection connection) throws SQLException {
        try (DuckDBTableFunctionBuilder builder = DuckDBFunctions.tableFunction()) {
            builder.withName(NAME).withParameter(DuckDBColumnType.BIGINT).withFunction(new PointBatchScan())
                    .register(connection);
        }
    }

    /**
     * Puts a batch on offer until {@link #withdraw}.
     *
     * @return the handle to pass to the function
     */
    static long offer(EncodedPoints points) {
        long handle = HANDLES.incrementAndGet();
        OFFERED.put(handle, new Batch(points));
        return handle;
    }

    /**
     * Takes the batch off offer.
     *
     * @return what made the function fail while reading the batch, or null
     */
    static Throwable withdraw(long handle) {
        Batch batch = OFFERED.remove(handle);
        return batch == null ? null : batch.failure.get();
    }

    @Override
    public Batch bind(DuckDBTableFunctionBindInfo info) throws SQLException {
        long handle = info.getParameter(0).getLong();
        Batch batch = OFFERED.get(handle);
        if (batch == null) {
            throw new SQLException(NAME + " reads batches that the store offers while it inserts them; batch "
                    + handle + " is not on offer");
        }
        EncodedPoints points = batch.points;
        info.addResultColumn("micros", DuckDBColumnType.BIGINT);
        info.addResultColumn("value", DuckDBColumnType.DOUBLE);
        info.addResultColumn("metric_name", points.nameCodes != null ? DuckDBColumnType.INTEGER : DuckDBColumnType.VARCHAR);
        info.addResultColumn("symbol", points.symbolCodes != null ? DuckDBColumnType.INTEGER : DuckDBColumnType.VARCHAR);
        info.addResultColumn("labels", points.labelCodes != null ? DuckDBColumnType.INTEGER : DuckDBColumnType.VARCHAR);
        info.setCardinality(points.points.size(), true);
        return batch;
    }

    @Override
    public Cursor init(DuckDBTableFunctionInitInfo info) {
        info.setMaxThreads(1);
        return new Cursor();
    }

    @Override
    public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
        Batch batch = info.getBindData();
        if (batch.failure.get() != null) {
            return 0;
        }
        try {
            Cursor cursor = info.getInitData();
            int size = batch.points.points.size();
            int first = cursor.next;
            int rows = (int) Math.min(out.capacity(), size - first);
            if (rows <= 0) {
                return 0;
            }
            fill(batch.points, first, rows, out);
            cursor.next = first + rows;
            return rows;
        } catch (Throwable failure) {
            // Reported by withdraw(): DuckDB would turn it into a message holding the whole stack trace.
            batch.failure.compareAndSet(null, failure);
            return 0;
        }
    }

    private static void fill(EncodedPoints points, int first, int rows, DuckDBDataChunkWriter out) throws SQLException {
        DuckDBWritableVector micros = out.vector(0);
        DuckDBWritableVector values = out.vector(1);
        DuckDBWritableVector names = out.vector(2);
        DuckDBWritableVector symbols = out.vector(3);
        DuckDBWritableVector labels = out.vector(4);
        String[] nameTexts = points.nameCodes == null ? new String[rows] : null;
        String[] symbolTexts = points.symbolCodes == null ? new String[rows] : null;
        String[] labelTexts = points.labelCodes == null ? new String[rows] : null;
        Map<String, String> lastLabels = null;
        String lastJson = null;
        List<MetricPoint> list = points.points;
        for (int row = 0; row < rows; row++) {
            int index = first + row;
            MetricPoint point = list.get(index);
            micros.setLong(row, Timestamps.toEpochMicros(point.timestamp()));
            values.setDouble(row, point.value());
            if (nameTexts == null) {
                names.setInt(row, points.nameCodes[index]);
            } else {
                nameTexts[row] = point.metricName();
            }
            if (symbolTexts == null) {
                symbols.setInt(row, points.symbolCodes[index]);
            } else {
                symbolTexts[row] = EncodedPoints.symbolText(point);
            }
            if (labelTexts == null) {
                labels.setInt(row, points.labelCodes[index]);
            } else {
                if (point.labels() != lastLabels) {
                    lastLabels = point.labels();
                    lastJson = LabelsJson.write(lastLabels);
                }
                labelTexts[row] = lastJson;
            }
        }
        if (nameTexts != null) {
            names.setStrings(0, nameTexts);
        }
        if (symbolTexts != null) {
            symbols.setStrings(0, symbolTexts);
        }
        if (labelTexts != null) {
            labels.setStrings(0, labelTexts);
        }
    }

    /** A batch on offer. */
    static final class Batch {
        final EncodedPoints points;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Batch(EncodedPoints points) {
            this.points = points;
        }
    }

    /** How far the scan has come; DuckDB calls the function from one thread at a time (at most one thread). */
    static final class Cursor {
        int next;
    }
}
