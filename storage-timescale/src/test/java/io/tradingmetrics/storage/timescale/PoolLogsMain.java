package io.tradingmetrics.storage.timescale;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStoreException;

import java.util.Map;

/**
 * Opens a store with HikariCP logging at DEBUG (which prints its configuration) against the URL given, in a JVM of
 * its own so that the level applies from the first logger on. Prints the error it got.
 */
public final class PoolLogsMain {
    private PoolLogsMain() {}

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "debug");
        try {
            TimescaleMetricsStore.open(TimescaleSettings.from(ConfigFactory.parseMap(Map.of("url", args[0],
                    "connect-timeout", "1s")))).close();
        } catch (MetricsStoreException e) {
            System.err.println("error: " + e);
        }
    }
}
