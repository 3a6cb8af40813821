package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox record of a write is appended while the primary takes the write, and the primary commits only once the
 * record is there: a write the primary committed is never missing from the outbox, whenever the process dies.
 */
class CommitOrderTest {
    @TempDir
    Path folder;

    @Test
    void thePrimaryCommitsOnlyOnceTheOutboxHasTheRecord() throws Exception {
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("a.duckdb")),
                DualStores.duckdb(folder.resolve("b.duckdb")), folder.resolve("outbox")));
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            dual.insertMetrics(Rows.points(0, 10)); // opened and warm: the held write below is the only one
            CompletableFuture<Long> held;
            long lastSeq;
            synchronized (dual.outbox()) { // appending takes the outbox's monitor: the record waits for this block
                lastSeq = dual.outbox().lastSeq();
                held = CompletableFuture.supplyAsync(() -> dual.insertMetrics(Rows.points(10, 1_000)));
                // Long enough for DuckDB to write 1,000 rows and commit many times over, were it not gated.
                Thread.sleep(1_000);
                assertThat(held).as("the write, while its record cannot be appended").isNotDone();
                assertThat(dual.count(StoreTable.TRADING_METRICS, TimeRange.all()))
                        .as("the primary's rows a reader sees meanwhile").isEqualTo(10);
            }
            assertThat(held.get(30, TimeUnit.SECONDS)).isEqualTo(1_000);
            assertThat(dual.outbox().lastSeq()).as("the held write's record").isEqualTo(lastSeq + 1);
            assertThat(dual.count(StoreTable.TRADING_METRICS, TimeRange.all())).isEqualTo(1_010);
        }
    }
}
