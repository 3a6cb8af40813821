package io.tradingmetrics.reliability;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

/** Opens a store in a process of its own (a DuckDB file another process still locks fails here) and prints its rows. */
public final class CountRowsMain {
    private CountRowsMain() {}

    public static void main(String[] args) {
        try (MetricsStore store = ReliabilityStores.open(args[0])) {
            System.out.println(store.count(StoreTable.TRADING_METRICS, TimeRange.all()));
        }
    }
}
