package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.support.Timestamps;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A DuckDB table function, written in Java, that yields the rows of a batch of points which Java code has
 * {@linkplain #offer offered} under a handle: {@code SELECT * FROM tradingmetrics_point_batch(<handle>)}. DuckDB
 * calls it from all its worker threads at once, each filling its own data chunks straight into DuckDB's vectors, so
 * an {@code INSERT ... SELECT} from it loads a batch in parallel (the Appender is single-threaded and pays a native
 * call per value).
 *
 * <p>Columns: {@code micros} (BIGINT, epoch microseconds), {@code value} (DOUBLE), then {@code metric_name},
 * {@code symbol} and {@code labels}, each either an INTEGER code into the batch's dictionary of that column or
 * the text itself (see {@link EncodedPoints}).
 *
 * <p>A failure inside the function (for example a list that throws when read) ends the scan early and is handed to
 * the caller by {@link #withdraw}, who fails the insert, so that its transaction is rolled back.
 */
final class PointBatchScan implements DuckDBTableFunction<PointBatchScan.Batch, PointBatchScan.Cursor,
        PointBatchScan.Block> {
    /** The function's name in the database; distinctive, since it shares the catalog with the user's objects. */
    static final String NAME = "tradingmetrics_point_batch";

    /** Rows of DuckDB's row group: a thread claims up to this many consecutive rows, so row groups stay in order. */
    private static final int ROW_GROUP_ROWS = 122_880;
    private static final int CHUNK_ROWS = 2_048;

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
     * @param threads the engine's worker threads, to split the batch into about as many consecutive blocks
     * @return the handle to pass to the function
     */
    static long offer(EncodedPoints points, int threads) {
        int perThread = (points.points.size() + threads - 1) / Math.max(1, threads);
        int block = Math.max(CHUNK_ROWS, Math.min(ROW_GROUP_ROWS, (perThread + CHUNK_ROWS - 1) / CHUNK_ROWS * CHUNK_ROWS));
        long handle = HANDLES.incrementAndGet();
        OFFERED.put(handle, new Batch(points, block));
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
        Batch batch = info.getBindData();
        int rows = batch.points.points.size();
        info.setMaxThreads(Math.max(1, (rows + batch.blockRows - 1) / batch.blockRows));
        return new Cursor();
    }

    @Override
    public Block localInit(DuckDBTableFunctionInitInfo info) {
        return new Block();
    }

    @Override
    public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
        Batch batch = info.getBindData();
        if (batch.failure.get() != null) {
            return 0;
        }
        try {
            Cursor cursor = info.getInitData();
            Block block = info.getLocalInitData();
            if (block.next == block.end && !block.claim(cursor, batch)) {
                return 0;
            }
            int rows = (int) Math.min(out.capacity(), block.end - block.next);
            fill(batch.points, block.next, rows, out);
            block.next += rows;
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

    /** A batch on offer, shared by the threads that scan it. */
    static final class Batch {
        final EncodedPoints points;
        final int blockRows;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Batch(EncodedPoints points, int blockRows) {
            this.points = points;
            this.blockRows = blockRows;
        }
    }

    /** The next block of rows that no thread has claimed yet. */
    static final class Cursor {
        final AtomicInteger nextBlockStart = new AtomicInteger();
    }

    /** The rows a thread has claimed and not yet emitted. */
    static final class Block {
        int next;
        int end;

        boolean claim(Cursor cursor, Batch batch) {
            int rows = batch.points.points.size();
            int start = cursor.nextBlockStart.getAndAdd(batch.blockRows);
            if (start >= rows || start < 0) {
                return false;
            }
            next = start;
            end = Math.min(rows, start + batch.blockRows);
            return true;
        }
    }
}
