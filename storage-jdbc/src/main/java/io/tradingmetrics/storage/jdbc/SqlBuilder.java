package io.tradingmetrics.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * SQL text with its parameters, built together so that every user value is bound rather than spliced into the text,
 * or written by the dialect as a literal quoted so that it cannot end it ({@link SqlDialect#appendText}).
 * Instants are bound as UTC {@link java.time.OffsetDateTime}s (correct on DuckDB and PostgreSQL whatever the JVM's
 * zone, unlike {@link java.sql.Timestamp}).
 */
public final class SqlBuilder {
    private final StringBuilder sql = new StringBuilder(256);
    private final List<Object> parameters = new ArrayList<>();

    /** Appends SQL text, which must not hold user input. */
    public SqlBuilder sql(String text) {
        sql.append(text);
        return this;
    }

    /** Appends a {@code ?} and binds the value to it. */
    public SqlBuilder param(Object value) {
        sql.append('?');
        parameters.add(requireNonNull(value, "SQL parameter is null"));
        return this;
    }

    /** Appends {@code ?, ?, ...} for the values. */
    public SqlBuilder params(Iterable<?> values) {
        String separator = "";
        for (Object value : values) {
            sql.append(separator);
            param(value);
            separator = ", ";
        }
        return this;
    }

    /** Appends another builder's text and parameters. */
    public SqlBuilder sql(SqlBuilder other) {
        sql.append(other.sql);
        parameters.addAll(other.parameters);
        return this;
    }

    /** @return the SQL text */
    public String text() {
        return sql.toString();
    }

    /** Binds the parameters to a statement prepared from {@link #text()}. */
    public void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof Instant instant) {
                statement.setObject(i + 1, JdbcValues.toUtc(instant));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    @Override
    public String toString() {
        return sql + " " + parameters;
    }
}
