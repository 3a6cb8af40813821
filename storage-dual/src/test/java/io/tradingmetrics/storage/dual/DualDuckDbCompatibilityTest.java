package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.tck.MetricsStoreCompatibilityKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kit on a dual store over two DuckDB files; after each test the secondary must hold exactly the primary's rows.
 */
@DisplayName("Dual store: DuckDB primary, DuckDB secondary")
class DualDuckDbCompatibilityTest extends MetricsStoreCompatibilityKit {
    private static final AtomicInteger STORES = new AtomicInteger();

    @TempDir
    Path folder;

    private DualStoreConfig config;

    @Override
    protected MetricsStore createStore() {
        int n = STORES.incrementAndGet();
        config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("primary-" + n + ".duckdb")),
                DualStores.duckdb(folder.resolve("secondary-" + n + ".duckdb")), folder.resolve("outbox-" + n)));
        return reopenStore();
    }

    private DualMetricsStore last;

    @Override
    protected MetricsStore reopenStore() {
        last = DualMetricsStore.open(config, io.tradingmetrics.storage.api.OpenMode.CONFIGURED);
        return last;
    }

    /** Runs before the kit closes the test's stores: the secondary must end with exactly the primary's rows. */
    @AfterEach
    void secondaryHoldsWhatThePrimaryHolds() {
        if (last != null && !last.isClosed()) {
            DualStores.assertMirrored(last);
        }
        last = null;
    }
}
