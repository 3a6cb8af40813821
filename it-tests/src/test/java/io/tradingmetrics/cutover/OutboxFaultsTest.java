package io.tradingmetrics.cutover;

import io.tradingmetrics.storage.dual.DualState;
import io.tradingmetrics.storage.dual.DualStatus;
import io.tradingmetrics.storage.dual.SecondaryHold;
import io.tradingmetrics.storage.tck.postgres.LocalServer;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox of a dual store (DuckDB primary, TimescaleDB secondary) under the app's feet, the app in a child JVM
 * writing at a steady rate: the TimescaleDB server stopped for ten seconds (the app's writes keep succeeding at
 * DuckDB's speed, the outbox drains after the restart), and the app killed with kill -9 while its outbox holds rows
 * (the restarted app replays them). Both end with the stores holding exactly what the app acknowledged.
 */
class OutboxFaultsTest {
    private static final long OUTAGE_MILLIS = 10_000;

    @TempDir
    Path dir;

    private CutoverStores stores;

    @AfterEach
    void dropSchema() throws Exception {
        CutoverStores.printLogs(dir);
        if (stores != null) {
            PostgresTestServer.TIMESCALE.schema(stores.schema).close();
        }
    }

    @Test
    void theSecondaryServerStoppedForTenSecondsCostsTheAppNothingAndTheOutboxDrains() throws Exception {
        stores = new CutoverStores(dir);
        Path acks = dir.resolve("acks.log");
        Path config = stores.dualConfig("app.conf", false);
        LocalServer timescale = PostgresTestServer.TIMESCALE.local();
        try (ChildApp app = ChildApp.start(config, acks, "O1", dir)) {
            stores.awaitMirrored(Instant.now(), 60);
            double healthy = ackRate(acks, 3_000);
            long before = AckLog.read(acks).points();
            long started = System.nanoTime();
            long waiting;
            timescale.stop();
            try {
                // The state file is rewritten every STATE_INTERVAL whatever the secondary does, also while the
                // mirror's replay waits out the secondary's connect timeout (10 s): the first write of the outage
                // shows within a tick and that bound (doubled for a loaded machine), and so do the later ones.
                Duration bound = Duration.ofMillis(ChildApp.TICK_MILLIS).plus(DualState.STATE_INTERVAL.multipliedBy(2));
                long first = stores.awaitState(s -> s.outboxRecords() > 0, bound,
                        "writes waiting for the secondary").outboxRecords();
                Thread.sleep(Math.max(0, OUTAGE_MILLIS - (System.nanoTime() - started) / 1_000_000));
                double down = (AckLog.read(acks).points() - before) / ((System.nanoTime() - started) / 1e9);
                // Same machine, same minute: the rate with the secondary down against the rate just before.
                assertThat(down).as("points/s acknowledged with the secondary down, against %s with it up", healthy)
                        .isGreaterThan(healthy * 0.6);
                waiting = stores.awaitState(s -> s.outboxRecords() > first, bound,
                        "more writes waiting than the " + first + " seen early in the outage").outboxRecords();
            } finally {
                timescale.start();
            }
            long restarted = System.nanoTime();
            stores.awaitMirrored(Instant.now(), 90);
            System.out.printf("the outbox (%d writes when last read) drained %.1f s after the server's restart%n",
                    waiting, (System.nanoTime() - restarted) / 1e9);
            app.stop();
            assertThat(app.output()).doesNotContain("not acknowledged");
        }
        catchUp(config);
        stores.assertBothHoldExactly(AckLog.read(acks), false);
    }

    /** What the app accepted last may wait in its outbox after it stopped: catch-up, with the app stopped, mirrors it. */
    private void catchUp(Path config) throws Exception {
        ChildCli.Result caughtUp = ChildCli.run(dir, "catch-up", "--config", config.toString(), "catch-up");
        assertThat(caughtUp.exitCode()).as(caughtUp.output()).isZero();
        stores.assertOutboxEmpty();
    }

    /** @return the points per second the app acknowledges over the next {@code millis} */
    private static double ackRate(Path acks, long millis) throws Exception {
        long before = AckLog.read(acks).points();
        long started = System.nanoTime();
        Thread.sleep(millis);
        return (AckLog.read(acks).points() - before) / ((System.nanoTime() - started) / 1e9);
    }

    @Test
    void anAppKilledWhileItsOutboxHoldsRowsReplaysThemAfterItsRestart() throws Exception {
        stores = new CutoverStores(dir);
        Path acks = dir.resolve("acks.log");
        Path config = stores.dualConfig("app.conf", false);
        try (ChildApp app = ChildApp.start(config, acks, "K1", dir)) {
            stores.awaitMirrored(Instant.now(), 60);
            // The secondary taken away (as a backfill does): the app's mirrored writes wait in the outbox.
            try (SecondaryHold hold = SecondaryHold.acquire(stores.outbox, "OutboxFaultsTest", Duration.ofMinutes(1))) {
                Thread.sleep(2_500);
                DualStatus status = DualState.read(stores.outbox).orElseThrow();
                assertThat(status.outboxRecords()).as("writes waiting in the outbox: %s", status).isPositive();
                app.kill();
            }
        }
        try (ChildApp app = ChildApp.start(config, acks, "K2", dir)) {
            stores.awaitMirrored(Instant.now(), 60);
            app.stop();
        }
        catchUp(config);
        stores.assertBothHoldExactly(AckLog.read(acks), true);
    }
}
