package io.tradingmetrics.migration.parquet;

import io.tradingmetrics.migration.MigrationException;

/**
 * Whether the embedded DuckDB engine is on the classpath. The migration module declares it optional: copying and
 * verifying between stores never needs it, only Parquet files and the staging of imports do. This class names no
 * DuckDB type, so asking never fails to load.
 */
public final class DuckDbEngine {
    /** The driver's artifact, as a build names it. */
    public static final String ARTIFACT = "org.duckdb:duckdb_jdbc";

    private static final String DRIVER_CLASS = "org.duckdb.DuckDBConnection";

    private DuckDbEngine() {}

    /** @return whether the DuckDB driver can be loaded */
    public static boolean available() {
        try {
            Class.forName(DRIVER_CLASS, false, DuckDbEngine.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @param purpose what needs the engine, for example {@code "writing Parquet files"}
     * @throws MigrationException naming the missing module when the driver is not on the classpath
     */
    public static void require(String purpose) {
        if (!available()) {
            throw new MigrationException(purpose + " needs the embedded DuckDB engine, which is not on the classpath;"
                    + " add " + ARTIFACT + " (or the trading-metrics-storage-duckdb module, which brings it) to the"
                    + " application");
        }
    }
}
