package io.tradingmetrics.cutover;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.config.MetricsConfig;
import io.tradingmetrics.config.MetricsStores;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;
import io.tradingmetrics.storage.dual.DualState;
import io.tradingmetrics.storage.dual.DualStatus;
import io.tradingmetrics.storage.tck.postgres.PostgresTestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two stores of a cut-over test, a schema of its own on the TimescaleDB test server and a DuckDB file, the dual
 * configurations over them (each way round), and the final check: both hold exactly what the app acknowledged,
 * compared row by row.
 */
final class CutoverStores {
    final Path dir;
    final String schema;
    final Path duckDbFile;
    final Path outbox;

    CutoverStores(Path dir) {
        this.dir = dir;
        this.schema = PostgresTestServer.newSchemaName();
        this.duckDbFile = dir.resolve("metrics.duckdb");
        this.outbox = dir.resolve("dual-outbox");
    }

    /** Prints the children's logs (the app's runs, the commands) into the test's output, for a failure's story. */
    static void printLogs(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log") && !f.endsWith("acks.log")).sorted()
                    .toList()) {
                List<String> lines = Files.readAllLines(log);
                System.out.println("==== " + log.getFileName() + " (last 40 of " + lines.size() + " lines)");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
            }
        }
    }

    private String timescaleBlock() {
        return "{ type = timescale, timescale { url = \"" + PostgresTestServer.TIMESCALE.url() + "\", schema = \""
                + schema + "\", pool-size = 4 } }";
    }

    private String duckDbBlock() {
        return "{ type = duckdb, duckdb { path = \"" + duckDbFile + "\" } }";
    }

    /** @return the app's configuration file: a dual store, TimescaleDB primary when {@code timescalePrimary} */
    Path dualConfig(String name, boolean timescalePrimary) throws Exception {
        String primary = timescalePrimary ? timescaleBlock() : duckDbBlock();
        String secondary = timescalePrimary ? duckDbBlock() : timescaleBlock();
        Path file = dir.resolve(name);
        Files.writeString(file, "metrics.store.type = dual\nmetrics.store.dual {\n  primary = " + primary
                + "\n  secondary = " + secondary + "\n  outbox.directory = \"" + outbox + "\"\n}\n");
        return file;
    }

    MetricsStore openTimescale() {
        return open("metrics.store { type = timescale, timescale { url = \"" + PostgresTestServer.TIMESCALE.url()
                + "\", schema = \"" + schema + "\" } }");
    }

    MetricsStore openDuckDb() {
        return open("metrics.store { type = duckdb, duckdb { path = \"" + duckDbFile + "\" } }");
    }

    private static MetricsStore open(String hocon) {
        return MetricsStores.open(MetricsConfig.load(ConfigFactory.parseString(hocon)));
    }

    /**
     * @return the mirror's state once every write accepted before {@code instant} is in the secondary (nothing older
     *         waits in the outbox, nothing is left to catch up)
     */
    DualStatus awaitMirrored(Instant instant, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Optional<DualStatus> status = DualState.read(outbox);
            if (status.isPresent() && status.get().mirroring() && !status.get().needsCatchUp()
                    && status.get().oldestWaiting().map(oldest -> !oldest.isBefore(instant)).orElse(true)) {
                return status.get();
            }
            assertThat(System.nanoTime()).as("the app did not mirror what it accepted before %s in %s s: %s",
                    instant, seconds, status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * @return the state once it satisfies {@code condition}, read again until {@code within} has passed; fails
     *         naming {@code what} and the last state read otherwise
     */
    DualStatus awaitState(Predicate<DualStatus> condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<DualStatus> status = DualState.read(outbox);
            if (status.isPresent() && condition.test(status.get())) {
                return status.get();
            }
            assertThat(System.nanoTime()).as("the dual state did not show %s within %s: %s", what, within, status)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Checks, with no app running, that the outbox holds nothing for the secondary. */
    void assertOutboxEmpty() {
        DualStatus status = DualState.read(outbox).orElseThrow();
        assertThat(status.outboxRecords()).as("writes left in the outbox: %s", status).isZero();
        assertThat(status.needsCatchUp()).as("catch-up pending: %s", status).isFalse();
    }

    /**
     * Both stores hold every acknowledged point exactly once and no other point, except whole batches that were in
     * flight when the app was killed (stored, not yet acknowledged), which must then be in both; every candle key
     * holds its last acknowledged upsert (or, when {@code killed}, possibly a later one in flight), the same in both.
     */
    void assertBothHoldExactly(AckLog.Acknowledged acked, boolean killed) {
        List<String> expected = canonical(acked.allPoints());
        Collections.sort(expected);
        List<String> inTimescale;
        List<String> inDuckDb;
        Map<String, Candle> timescaleCandles;
        Map<String, Candle> duckDbCandles;
        try (MetricsStore timescale = openTimescale(); MetricsStore duckDb = openDuckDb()) {
            inTimescale = points(timescale);
            inDuckDb = points(duckDb);
            timescaleCandles = candles(timescale);
            duckDbCandles = candles(duckDb);
        }
        List<List<String>> between = difference(inTimescale, inDuckDb);
        assertThat(between.get(0).size() + between.get(1).size()).as("points only in TimescaleDB %s / only in"
                + " DuckDB %s (first 10 each), row by row", first(between.get(0)), first(between.get(1))).isZero();
        assertThat(duckDbCandles).as("DuckDB's candles against TimescaleDB's").isEqualTo(timescaleCandles);
        List<List<String>> againstAcked = difference(expected, inTimescale);
        assertThat(againstAcked.get(0).size()).as("acknowledged points missing (of %s): %s", expected.size(),
                first(againstAcked.get(0))).isZero();
        if (!killed) {
            assertThat(againstAcked.get(1).size()).as("points stored that were never acknowledged: %s",
                    first(againstAcked.get(1))).isZero();
            assertThat(timescaleCandles).as("candles against the last acknowledged upserts")
                    .isEqualTo(new TreeMap<>(acked.lastCandles()));
        } else {
            // A batch in flight at the kill may be stored without its acknowledgement: then whole, and once.
            Map<String, Long> unacked = new TreeMap<>();
            againstAcked.get(1).forEach(line -> unacked.merge(line.split("\\|")[3], 1L, Long::sum));
            assertThat(unacked).as("unacknowledged batches stored").hasSizeLessThanOrEqualTo(2)
                    .allSatisfy((batch, rows) -> assertThat(rows).isEqualTo(ChildApp.POINTS_PER_TICK));
            assertThat(timescaleCandles.keySet()).containsAll(acked.lastCandles().keySet());
        }
    }

    private static List<String> first(List<String> lines) {
        return lines.subList(0, Math.min(10, lines.size()));
    }

    /** @return the lines only in {@code a} and those only in {@code b} (both sorted; duplicates count) */
    static List<List<String>> difference(List<String> a, List<String> b) {
        List<String> onlyA = new ArrayList<>();
        List<String> onlyB = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int order = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).compareTo(b.get(j));
            if (order == 0) {
                i++;
                j++;
            } else if (order < 0) {
                onlyA.add(a.get(i++));
            } else {
                onlyB.add(b.get(j++));
            }
        }
        return List.of(onlyA, onlyB);
    }

    private static List<String> points(MetricsStore store) {
        try (Stream<MetricPoint> rows = store.streamMetrics(TimeRange.all())) {
            List<String> all = canonical(rows.toList());
            Collections.sort(all);
            return all;
        }
    }

    private static Map<String, Candle> candles(MetricsStore store) {
        Map<String, Candle> byKey = new TreeMap<>();
        try (Stream<Candle> rows = store.streamCandles(TimeRange.all())) {
            rows.forEach(candle -> byKey.put(AckLog.key(candle), candle));
        }
        return byKey;
    }

    /** One line per point with every value exactly: microseconds, double bits, labels sorted by key. */
    static List<String> canonical(List<MetricPoint> points) {
        List<String> lines = new ArrayList<>(points.size());
        for (MetricPoint p : points) {
            lines.add(Timestamps.toEpochMicros(p.timestamp()) + "|" + p.metricName() + "|"
                    + Double.doubleToLongBits(p.value()) + "|" + p.symbol().orElse("-") + "|"
                    + new TreeMap<>(p.labels()));
        }
        return lines;
    }
}
