package io.tradingmetrics.cutover;

import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.Timestamps;
import io.tradingmetrics.storage.dual.SecondaryHold;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's runbook, TimescaleDB to DuckDB and back, carried out with the commands while an app writes at a
 * steady rate (3,000 points/s in 2 writes/s, and 2 candle upserts/s) in a child JVM the whole time: start dual-writing
 * (TimescaleDB primary), backfill (killed with kill -9 once, then resumed by the same command), verify, switch the
 * primary (restart with the swapped configuration), keep writing, roll back (the swap back), keep writing. At the end
 * both stores hold exactly the points the app acknowledged, compared row by row, and each candle its last upsert.
 */
class CutoverRunbookTest {
    private static final int HISTORY_BATCHES = 100;
    private static final int HISTORY_BATCH = 400;
    private static final long WRITING_MILLIS = 4_000;

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
    void theRunbookWhileTheAppWritesLeavesBothStoresWithExactlyWhatWasAcknowledged() throws Exception {
        stores = new CutoverStores(dir);
        Path acks = dir.resolve("acks.log");
        writeHistory(acks);
        Path forward = stores.dualConfig("app.conf", true);
        Path swapped = stores.dualConfig("app-switched.conf", false);
        Path state = dir.resolve("migration-state");
        String[] backfill = {"--config", forward.toString(), "migrate", "--backfill", "--state-dir", state.toString(),
                "--batch-size", "1000", "--chunk-rows", "4000", "--parallel", "1"};

        // 1. Dual-writing: the app restarts with the dual configuration, TimescaleDB primary.
        try (ChildApp app = ChildApp.start(forward, acks, "A1", dir)) {
            Thread.sleep(1_000);
            // 2. The backfill, killed with kill -9 once it has copied a chunk, then resumed by the same command.
            ChildCli.runUntilKilled(dir, "backfill-killed", () -> doneChunks(state) >= 2, backfill);
            // The killed backfill's hold request stays behind (the app stays off the secondary meanwhile); its OS
            // lock died with it, so the same command run again takes the hold over.
            assertThat(SecondaryHold.describe(stores.outbox)).isPresent();
            ChildCli.Result resumed = ChildCli.run(dir, "backfill", backfill);
            assertThat(resumed.exitCode()).as(resumed.output()).isZero();
            assertThat(resumed.output()).contains("already done").contains("backfill recorded as done");
            // 3. Verify, up to now, while the app writes.
            ChildCli.Result verified = ChildCli.run(dir, "verify", "--config", forward.toString(), "verify");
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            assertThat(verified.output()).contains("verified: source and target match");
            Thread.sleep(500);
            app.stop();
        }
        // 4. Switch: the same app restarted with primary and secondary swapped; nothing is copied.
        try (ChildApp app = ChildApp.start(swapped, acks, "A2", dir)) {
            Thread.sleep(WRITING_MILLIS);
            app.stop();
        }
        // 5. Roll back: the swap back.
        try (ChildApp app = ChildApp.start(forward, acks, "A3", dir)) {
            Thread.sleep(WRITING_MILLIS);
            app.stop();
        }
        // What the app accepted last may still wait in its outbox: with the app stopped, catch-up mirrors it.
        ChildCli.Result caughtUp = ChildCli.run(dir, "catch-up", "--config", forward.toString(), "catch-up");
        assertThat(caughtUp.exitCode()).as(caughtUp.output()).isZero();
        stores.assertOutboxEmpty();

        AckLog.Acknowledged acked = AckLog.read(acks);
        assertThat(acked.points()).isGreaterThan((long) HISTORY_BATCHES * HISTORY_BATCH + 10_000);
        stores.assertBothHoldExactly(acked, false);
    }

    /** The history the app wrote before the cut-over, in TimescaleDB alone, acknowledged as the app would. */
    private void writeHistory(Path acks) throws Exception {
        Instant start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        StringBuilder lines = new StringBuilder();
        try (MetricsStore timescale = stores.openTimescale()) {
            List<MetricPoint> points = new ArrayList<>();
            for (int b = 0; b < HISTORY_BATCHES; b++) {
                String symbol = "H-B" + b;
                long first = Timestamps.toEpochMicros(start.plusSeconds(60L * b));
                points.addAll(AckLog.points(symbol, first, HISTORY_BATCH));
                lines.append(AckLog.pointsLine(symbol, first, HISTORY_BATCH));
            }
            timescale.insertMetrics(points);
            List<Candle> candles = new ArrayList<>();
            for (int m = 0; m < HISTORY_BATCHES; m++) {
                Candle candle = AckLog.candle(start.plusSeconds(60L * m), "C" + (m % SteadyWriterApp.CANDLE_SYMBOLS),
                        m);
                candles.add(candle);
                lines.append(AckLog.candleLine(candle));
            }
            timescale.upsertCandles(candles);
        }
        Files.writeString(acks, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }

    /** @return the chunks the backfill's checkpoints record as done */
    private static long doneChunks(Path state) {
        if (!Files.isDirectory(state)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(state)) {
            long done = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().matches("backfill-[0-9a-f]+\\.json"))
                    .toList()) {
                String text = Files.readString(file);
                int at = 0;
                while ((at = text.indexOf("\"DONE\"", at) + 1) > 0) {
                    done++;
                }
            }
            return done;
        } catch (Exception e) {
            return 0; // a checkpoint being renamed into place: look again
        }
    }
}
