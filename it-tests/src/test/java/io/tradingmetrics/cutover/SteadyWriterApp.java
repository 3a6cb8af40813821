package io.tradingmetrics.cutover;

import io.tradingmetrics.config.MetricsConfig;
import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.Timestamps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The trading app of the cut-over tests, run in a child JVM: opens the store its HOCON file configures (a dual store)
 * as an app does, and writes at a steady rate: every tick a batch of points (each batch its own symbol) and an upsert
 * of the current minute's candle of a few symbols, each upsert replacing the last. After each write returns it
 * appends what was acknowledged to the acknowledgement log ({@link AckLog}) and fsyncs it, so that the log is exactly
 * what the store promised to keep, also across kill -9. A write that fails is not acknowledged and the app goes on.
 * A line {@code stop} on standard input (or its end) stops it cleanly: it closes the store and exits 0.
 *
 * <p>Arguments: config file, acknowledgement log, run name (unique per start), points per tick, tick milliseconds.
 */
public final class SteadyWriterApp {
    static final String METRIC = "flow";
    static final int CANDLE_SYMBOLS = 3;

    private SteadyWriterApp() {}

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        Path ackLog = Path.of(args[1]);
        String run = args[2];
        int pointsPerTick = Integer.parseInt(args[3]);
        long tickNanos = Long.parseLong(args[4]) * 1_000_000L;
        AtomicBoolean stop = new AtomicBoolean();
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
                    // wait for "stop"
                }
            } catch (Exception e) {
                // treated as stop
            }
            stop.set(true);
        }, "stdin");
        stdin.setDaemon(true);
        stdin.start();
        long acked = 0;
        long failed = 0;
        try (MetricsStore store = MetricsStores.open(MetricsConfig.load(config));
             FileChannel log = FileChannel.open(ackLog, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.APPEND)) {
            System.out.println("started " + run + " on " + store.backendName());
            long next = System.nanoTime();
            long lastReport = next;
            for (long tick = 0; !stop.get(); tick++) {
                StringBuilder lines = new StringBuilder();
                String symbol = run + "-B" + tick;
                Instant first = Instant.now().truncatedTo(ChronoUnit.MICROS);
                try {
                    store.insertMetrics(AckLog.points(symbol, Timestamps.toEpochMicros(first), pointsPerTick));
                    lines.append(AckLog.pointsLine(symbol, Timestamps.toEpochMicros(first), pointsPerTick));
                    acked += pointsPerTick;
                } catch (MetricsStoreException e) {
                    failed++;
                    System.out.println("points not acknowledged: " + e.getMessage());
                }
                Candle candle = AckLog.candle(first.truncatedTo(ChronoUnit.MINUTES), "C" + (tick % CANDLE_SYMBOLS),
                        run.hashCode() * 1_000_000.0 + tick);
                try {
                    store.upsertCandles(List.of(candle));
                    lines.append(AckLog.candleLine(candle));
                } catch (MetricsStoreException e) {
                    failed++;
                    System.out.println("candle not acknowledged: " + e.getMessage());
                }
                if (!lines.isEmpty()) {
                    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) {
                        log.write(bytes);
                    }
                    log.force(false);
                }
                long now = System.nanoTime();
                if (now - lastReport > 1_000_000_000L) {
                    System.out.println("acked " + acked + " points, " + failed + " writes failed");
                    lastReport = now;
                }
                next += tickNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    next = System.nanoTime(); // behind: no burst to catch up, the rate stays steady
                }
            }
        }
        System.out.println("stopped " + run + ": acked " + acked + " points, " + failed + " writes failed");
    }
}
