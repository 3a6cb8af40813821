package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.tck.MetricsStoreCompatibilityKit;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import io.tradingmetrics.storage.tck.postgres.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kit on a dual store with a DuckDB file as the primary and a schema on the TimescaleDB test server as the
 * secondary; after each test the secondary must hold exactly the primary's rows.
 */
@DisplayName("Dual store: DuckDB primary, TimescaleDB secondary")
class DualDuckDbTimescaleCompatibilityTest extends MetricsStoreCompatibilityKit {
    private static final AtomicInteger STORES = new AtomicInteger();

    @TempDir
    Path folder;

    private final List<TestSchema> schemas = new ArrayList<>();
    private DualStoreConfig config;
    private DualMetricsStore last;

    @Override
    protected MetricsStore createStore() {
        int n = STORES.incrementAndGet();
        TestSchema schema = PostgresTestServer.TIMESCALE.newSchema();
        schemas.add(schema);
        config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("primary-" + n + ".duckdb")),
                DualStores.timescale(schema.settings("timescaledb", "required")), folder.resolve("outbox-" + n)));
        return reopenStore();
    }

    @Override
    protected MetricsStore reopenStore() {
        last = DualMetricsStore.open(config, OpenMode.CONFIGURED);
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

    @Override
    protected void afterStoresClosed() {
        for (TestSchema schema : schemas) {
            try {
                schema.close();
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop a test schema", e);
            }
        }
        schemas.clear();
    }
}
