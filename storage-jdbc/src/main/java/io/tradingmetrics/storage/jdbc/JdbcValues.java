package io.tradingmetrics.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reading and writing column values without the JVM's zone getting in: timestamps travel as UTC
 * {@link OffsetDateTime}s, never as {@link java.sql.Timestamp}s.
 */
public final class JdbcValues {
    private JdbcValues() {}

    /** @return the instant as a UTC offset date-time, the form both drivers bind correctly to TIMESTAMPTZ */
    public static OffsetDateTime toUtc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** @return the instant of a non-null TIMESTAMPTZ column */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        if (value == null) {
            throw new SQLException("column " + column + " is unexpectedly NULL");
        }
        return value.toInstant();
    }

    /** @return the instant of a TIMESTAMPTZ column, empty for NULL */
    public static Optional<Instant> optionalInstant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    /** @return the text of a column, empty for NULL */
    public static Optional<String> optionalString(ResultSet row, int column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    /**
     * @param asBytes whether the column holds the text's UTF-8 bytes ({@link SqlDialect#selectText})
     * @return the text of a column, NULL for NULL
     */
    public static String text(ResultSet row, int column, boolean asBytes) throws SQLException {
        if (!asBytes) {
            return row.getString(column);
        }
        byte[] bytes = row.getBytes(column);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** @return the double of a column, empty for NULL */
    public static OptionalDouble optionalDouble(ResultSet row, int column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** @return the integer of a column, empty for NULL */
    public static OptionalInt optionalInt(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
