package io.tradingmetrics.bench;

import io.tradingmetrics.storage.api.MetricsStore;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Opens a store in a fresh JVM, as an application starting up does (schema validated by Flyway, not migrated),
 * reports how long that took cold and warm, and waits so that {@link StartupBench} can read its resident memory,
 * after the open and after one round of the dashboard queries.
 *
 * <p>Arguments: {@code duckdb <file>} or {@code timescale <server url> <schema>}.
 */
public final class StartupChild {
    private static final int WARM_OPENS = 5;

    private StartupChild() {}

    public static void main(String[] args) throws Exception {
        Supplier<MetricsStore> opener = args[0].equals("duckdb") ? () -> Stores.duckdb(Path.of(args[1]), false)
                : () -> Stores.timescale(args[1], args[2], false);
        long began = System.nanoTime();
        MetricsStore store = opener.get();
        double coldMillis = (System.nanoTime() - began) / 1e6;
        double sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        store.close();
        double[] warm = new double[WARM_OPENS];
        for (int i = 0; i < WARM_OPENS; i++) {
            long start = System.nanoTime();
            opener.get().close();
            warm[i] = (System.nanoTime() - start) / 1e6;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("coldOpenMs", coldMillis);
        figures.put("jvmStartToOpenMs", sinceJvmStart);
        figures.put("warmOpenMs", Stats.median(warm));
        ChildProtocol.result(figures);
        try (MetricsStore open = opener.get()) {
            ChildProtocol.ready("opened");
            for (DashboardQuery query : DashboardQuery.all()) {
                query.throughStore().applyAsInt(open);
            }
            ChildProtocol.ready("queried");
        }
    }
}
