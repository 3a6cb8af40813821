package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.LatestQuery;

/**
 * The shared JDBC base's SQL that is not public, for the benchmarks, whose raw-SQL runs must execute exactly the SQL
 * the store builds. It lives in the base's package but in the benchmarks module: the base exposes nothing for it.
 */
public final class JdbcBenchmarkSql {
    private JdbcBenchmarkSql() {}

    /** @return the SQL of {@code latest()} on a store with the series catalogue (every store the benchmarks make) */
    public static SqlBuilder latest(SqlDialect dialect, LatestQuery query) {
        return new SeriesCatalogue(dialect).latest(query);
    }
}
