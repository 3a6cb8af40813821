package io.tradingmetrics.storage.duckdb;

/**
 * Run as a separate process by {@link FirstOpenCrashTest}: opens (and so creates) the DuckDB file its argument names,
 * prints {@code OPENED} and exits; the test's halt hook may end it anywhere before.
 */
public final class FirstOpenMain {
    private FirstOpenMain() {}

    public static void main(String[] args) {
        try (DuckDbMetricsStore store = DuckDbMetricsStore.open(DuckDbStoreConfig.of(args[0]))) {
            System.out.println("OPENED at schema version " + store.schemaInfo().currentVersion());
        }
    }
}
