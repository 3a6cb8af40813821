package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.TimeRange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The series catalogue: one row per (metric_name, symbol) series with its newest point, so that {@code latest()}
 * reads as many rows as there are series instead of every point. Created and built from the existing points by the
 * schema script V5 of each engine; kept exact here, in the transaction of every write and delete:
 * <ul>
 *   <li>a batch is reduced in memory to its newest point per series, bound as arrays where the engine takes them
 *       ({@link SqlDialect#pointArrays}) or else staged, and merged by one upsert that replaces
 *       a row only with a strictly newer point (an older or late point never replaces a newer one; on a tie the
 *       row stays, and a tie has no order: {@code latest()} gives any one of the tied points);</li>
 *   <li>after a delete, each series whose newest point lay in the deleted range gets the newest of its remaining
 *       points from {@code trading_metrics}, and the series with none left lose their row.</li>
 * </ul>
 * The key is {@code (metric_name, symbol_key)}, {@code symbol_key} being {@code '=' || symbol}, or {@code ''} for
 * the series without symbol (key columns cannot be NULL, and an empty text is a valid symbol).
 */
public final class SeriesCatalogue implements DerivedTable {
    static final String TABLE = "series_catalogue";
    private static final String STAGING = "series_catalogue_staging";
    private static final String COLUMNS = "timestamp, metric_name, value, symbol, labels";
    private static final String SYMBOL_KEY = "coalesce('=' || symbol, '')";

    private final SqlDialect dialect;
    private final String pointColumns;

    SeriesCatalogue(SqlDialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.pointColumns = new ReadSql(dialect).metricColumns();
    }

    /**
     * @return the newest timestamp of any point, from the catalogue's row per series, empty when there is none; the
     *         schema must have the catalogue
     */
    public static Optional<Instant> newestTimestamp(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT max(timestamp) FROM " + TABLE)) {
            row.next();
            return JdbcValues.optionalInstant(row, 1);
        }
    }

    /** @return whether the schema has the catalogue (a database of the older system read as it is has none) */
    static boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_name = ?")) {
            statement.setString(1, TABLE);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1) > 0;
            }
        }
    }

    /** The latest points, as rows of {@code (timestamp, metric_name, value, symbol, labels)}, as latest() orders them. */
    SqlBuilder latest(LatestQuery query) {
        SqlBuilder sql = new SqlBuilder().sql("SELECT " + pointColumns + " FROM " + TABLE + " WHERE TRUE");
        if (!query.metricNames().isEmpty()) {
            String separator = " AND metric_name IN (";
            for (String name : new TreeSet<>(query.metricNames())) {
                dialect.appendText(sql.sql(separator), name);
                separator = ", ";
            }
            sql.sql(")");
        }
        query.symbol().ifPresent(symbol -> dialect.appendText(sql.sql(" AND symbol_key = "), "=" + symbol));
        return sql.sql(" ORDER BY " + dialect.orderTextNullsFirst("metric_name") + ", "
                + dialect.orderTextNullsFirst("symbol"));
    }

    @Override
    public void pointsAppended(Connection connection, AppendedPoints batch) throws SQLException {
        Optional<String> arrays = dialect.pointArrays();
        if (arrays.isPresent()) {
            mergeAsArrays(connection, arrays.get(), newestPerSeries(batch.points()));
            return;
        }
        String staged = batch.stage(STAGING, newestPerSeries(batch.points()));
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(upsertHead() + "SELECT " + COLUMNS + " FROM " + staged
                    + upsertTail(" WHERE excluded.timestamp > " + TABLE + ".timestamp"));
        }
        batch.dropStaging(STAGING);
    }

    /** The upsert of {@link #pointsAppended} in one statement, the newest points bound as arrays. */
    private void mergeAsArrays(Connection connection, String arrays, List<MetricPoint> newest) throws SQLException {
        int size = newest.size();
        String[] timestamps = new String[size];
        String[] names = new String[size];
        Double[] values = new Double[size];
        String[] symbols = new String[size];
        String[] labels = new String[size];
        for (int i = 0; i < size; i++) {
            MetricPoint point = newest.get(i);
            // Stored instants are truncated to the microsecond within years 1 to 9999: ISO-8601 text says them exactly.
            timestamps[i] = point.timestamp().toString();
            names[i] = point.metricName();
            values[i] = point.value();
            symbols[i] = point.symbol().orElse(null);
            labels[i] = LabelsJson.write(point.labels());
        }
        try (PreparedStatement statement = connection.prepareStatement(upsertHead() + arrays
                + upsertTail(" WHERE excluded.timestamp > " + TABLE + ".timestamp"))) {
            statement.setArray(1, connection.createArrayOf("text", timestamps));
            statement.setArray(2, connection.createArrayOf("text", names));
            statement.setArray(3, connection.createArrayOf("float8", values));
            statement.setArray(4, connection.createArrayOf("text", symbols));
            statement.setArray(5, connection.createArrayOf("text", labels));
            statement.executeUpdate();
        }
    }

    /**
     * The series whose newest point was deleted get their newest remaining point (older than the range: none is
     * left inside, and none was newer), then a row still inside the range is a series without points left. The
     * refill replaces only rows still inside the range, so that a newer point a concurrent write merged meanwhile
     * (PostgreSQL updates the newest row version) is kept.
     */
    @Override
    public void afterPointsDeleted(Connection connection, TimeRange range) throws SQLException {
        SqlBuilder refill = new SqlBuilder().sql(upsertHead());
        dialect.appendNewestPointsOf(refill, series -> inRange(series.sql("SELECT metric_name, symbol FROM "
                + TABLE + " WHERE "), range, ""));
        inRange(refill.sql(upsertTail(" WHERE ")), range, TABLE + ".");
        JdbcExecutor.update(connection, refill);
        JdbcExecutor.update(connection, inRange(new SqlBuilder().sql("DELETE FROM " + TABLE + " WHERE "), range, ""));
    }

    private static SqlBuilder inRange(SqlBuilder sql, TimeRange range, String qualifier) {
        return sql.sql(qualifier + "timestamp >= ").param(range.from())
                .sql(" AND " + qualifier + "timestamp < ").param(range.to());
    }

    /**
     * @return the upsert's start, to be followed by a query of {@code (timestamp, metric_name, value, symbol,
     *         labels)} rows, at most one per series, then {@link #upsertTail}
     */
    private String upsertHead() {
        return "INSERT INTO " + TABLE + " (metric_name, symbol_key, timestamp, value, symbol, labels)"
                + " SELECT metric_name, " + SYMBOL_KEY + ", timestamp, value, symbol, CAST(labels AS "
                + dialect.labelsType() + ") FROM (";
    }

    /** @param condition the WHERE of the update (the text may be followed by the condition's SQL) */
    private static String upsertTail(String condition) {
        // In key order, so that concurrent writes of overlapping series lock rows in the same order and never
        // deadlock one another (PostgreSQL takes the row locks in the order the rows come).
        return ") newest ORDER BY 1, 2 ON CONFLICT (metric_name, symbol_key) DO UPDATE SET"
                + " timestamp = excluded.timestamp, value = excluded.value, symbol = excluded.symbol,"
                + " labels = excluded.labels" + condition;
    }

    /** @return the newest point of each series of the batch, the first given of those tied on the timestamp */
    static List<MetricPoint> newestPerSeries(List<MetricPoint> points) {
        Map<SeriesKey, MetricPoint> newest = new HashMap<>();
        SeriesKey lastKey = null;
        for (MetricPoint point : points) {
            SeriesKey key = lastKey != null && lastKey.matches(point) ? lastKey
                    : new SeriesKey(point.metricName(), point.symbol());
            lastKey = key;
            MetricPoint held = newest.putIfAbsent(key, point);
            if (held != null && point.timestamp().isAfter(held.timestamp())) {
                newest.put(key, point);
            }
        }
        return new ArrayList<>(newest.values());
    }

    private record SeriesKey(String metricName, Optional<String> symbol) {
        /** Points of one series usually come together, often with the very same texts: compared by identity first. */
        boolean matches(MetricPoint point) {
            return (metricName == point.metricName() || metricName.equals(point.metricName()))
                    && symbol.equals(point.symbol());
        }
    }
}
