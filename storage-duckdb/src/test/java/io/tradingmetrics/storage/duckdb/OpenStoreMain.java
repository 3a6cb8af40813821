package io.tradingmetrics.storage.duckdb;

import com.typesafe.config.ConfigFactory;

import java.util.Map;

/**
 * Run as a separate process by {@link OpenLoggingTest}, as an app would: opens the DuckDB store at the path given
 * through its factory, writes nothing, closes it, and prints {@code CLOSED} on standard output.
 */
public final class OpenStoreMain {
    private OpenStoreMain() {}

    public static void main(String[] args) {
        new DuckDbMetricsStoreFactory().create(ConfigFactory.parseMap(Map.of("path", args[0]))).close();
        System.out.println("CLOSED");
    }
}
