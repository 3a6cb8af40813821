package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.OpenMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The age the status gives the outbox is that of the oldest write waiting, also while the secondary is away. */
class OutboxAgeTest {
    @TempDir
    Path folder;

    @Test
    void theAgeOfTheOldestWaitingWriteIsItsOwnNotThatOfTheLastOneMirrored() throws Exception {
        DualStoreConfig config = DualStores.config(DualStores.dualBlock(DualStores.duckdb(folder.resolve("p.duckdb")),
                DualStores.duckdb(folder.resolve("s.duckdb")), folder.resolve("outbox")));
        try (DualMetricsStore dual = DualMetricsStore.open(config, OpenMode.CONFIGURED)) {
            dual.insertMetrics(Rows.points(0, 10));
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            try (SecondaryHold hold = SecondaryHold.acquire(config.outboxDirectory(), "test", Duration.ofSeconds(30))) {
                Thread.sleep(2_000); // the age under test is the passing of time itself
                Instant accepting = Instant.now();
                dual.insertMetrics(Rows.points(100, 10));
                dual.insertMetrics(Rows.points(200, 10));
                DualStatus status = dual.status();
                assertThat(status.outboxRecords()).isEqualTo(2);
                // To within the second the outbox's index keeps it to.
                assertThat(status.oldestWaiting()).hasValueSatisfying(oldest -> assertThat(oldest)
                        .isAfterOrEqualTo(accepting.minusSeconds(1)).isBeforeOrEqualTo(Instant.now()));
            }
            assertThat(dual.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(dual.status().oldestWaiting()).isEmpty();
        }
    }
}
