package io.tradingmetrics.storage.timescale;

import com.typesafe.config.ConfigFactory;

import java.util.Map;

/**
 * Run as a separate process by {@link FirstOpenCrashTest}: opens the store on the server URL and new schema its
 * arguments name, which creates the schema, prints {@code OPENED} and exits; the test's halt hook may end it anywhere
 * before.
 */
public final class FirstOpenMain {
    private FirstOpenMain() {}

    public static void main(String[] args) {
        try (TimescaleMetricsStore store = TimescaleMetricsStore.open(TimescaleSettings.from(
                ConfigFactory.parseMap(Map.of("url", args[0], "schema", args[1]))))) {
            System.out.println("OPENED at schema version " + store.schemaInfo().currentVersion());
        }
    }
}
