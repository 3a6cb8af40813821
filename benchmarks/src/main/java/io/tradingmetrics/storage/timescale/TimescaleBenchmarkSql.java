package io.tradingmetrics.storage.timescale;

import io.tradingmetrics.storage.jdbc.SqlDialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The TimescaleDB store's SQL dialect for the benchmarks, whose raw-SQL runs must execute exactly the SQL the store
 * builds. It lives in the store's package (the dialect is package-private) but in the benchmarks module: the store
 * exposes nothing for it.
 */
public final class TimescaleBenchmarkSql {
    private TimescaleBenchmarkSql() {}

    /** @return the dialect the store uses on this server with {@code timescaledb = auto}, as it decides it */
    public static SqlDialect dialect(Connection connection) throws SQLException {
        return new PostgresDialect(TimescaleActivation.resolve(connection, TimescaleMode.AUTO, "the benchmark server",
                true));
    }
}
