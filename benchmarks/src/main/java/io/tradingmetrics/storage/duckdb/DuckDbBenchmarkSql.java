package io.tradingmetrics.storage.duckdb;

import io.tradingmetrics.storage.jdbc.SqlDialect;

/**
 * The DuckDB store's SQL dialect for the benchmarks, whose raw-SQL runs must execute exactly the SQL the store
 * builds. It lives in the store's package (the dialect is package-private) but in the benchmarks module: the store
 * exposes nothing for it.
 */
public final class DuckDbBenchmarkSql {
    private DuckDbBenchmarkSql() {}

    /** @return the dialect a writable store on a database file uses */
    public static SqlDialect dialect() {
        return new DuckDbDialect(false, false);
    }
}
