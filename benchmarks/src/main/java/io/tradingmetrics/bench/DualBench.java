package io.tradingmetrics.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.dual.DualMetricsStore;
import io.tradingmetrics.storage.dual.DualStoreConfig;
import io.tradingmetrics.storage.dual.SecondaryHold;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The dual store (issue 11): what dual writing costs the caller's thread with a healthy secondary, against the
 * primary alone, in the same run and on the same rows ({@code insertMetrics} in batches of 10,000, one thread, runs
 * of the two paths alternated); and how fast the outbox is replayed into the secondary once it is given back after
 * being held while the rows were written.
 */
final class DualBench {
    private static final int BATCH = 10_000;
    private static final long MAX_POINTS = 500_000;
    /**
     * The steady writer's rate: what a trading process writes at, well within what either engine takes as a
     * secondary (the replay rows), for longer than the mirror's yield-to-writes window, so that the mirror keeps up
     * in the writer's pauses as it does in production.
     */
    private static final int STEADY_POINTS_PER_SECOND = 50_000;
    private static final long STEADY_POINTS = 300_000;
    /** A run takes a second or a few, its rate swayed by a stray pause of the shared machine: at least this many. */
    private static final int MIN_RUNS = 5;
    /**
     * A burst into DuckDB takes under a second, so one pause of the shared machine moves a pair of runs by up to 15%
     * (2026-12-06): more pairs of them, still a few seconds each.
     */
    private static final int MIN_BURST_RUNS = 9;
    private static final Duration CATCH_UP = Duration.ofMinutes(10);

    private final RunContext context;

    DualBench(RunContext context) {
        this.context = context;
    }

    /** One way of writing the rows: its rate and the duration of each call. */
    private record Run(double pointsPerSecond, long[] callNanos) {}

    void run() throws Exception {
        long points = Math.min(context.options().ingestPoints(), MAX_POINTS);
        Dataset data = new Dataset(points);
        ResultTable table = new ResultTable("Dual store: the caller's thread and the outbox replay",
                "primary", "secondary", "path", "points", "points/s (median)", "call p50", "call p99",
                "against the primary alone");
        boolean timescale = context.timescaleUrl().isPresent();
        measure(table, "DuckDB", timescale ? "TimescaleDB" : "DuckDB", data, points);
        if (timescale) {
            measure(table, "TimescaleDB", "DuckDB", data, points);
        }
        table.note("insertMetrics in batches of " + Figures.count(BATCH) + " on one thread, timed around each call;"
                + " points/s is the median over " + burstRuns() + " runs of each path (" + runs() + " of the steady"
                + " writer), alternated, each into new stores; against the primary alone: the median over the"
                + " repeats of the caller's time per row against the primary alone's run of the same repeat."
                + " Dual: the primary's write plus the outbox append (fsync'd) on the caller's thread; the mirror"
                + " writes the secondary on its own thread meanwhile, on the same cores. With the defaults it"
                + " replays in the caller's pauses, up to replay.yield-to-writes"
                + " (2s) behind: a burst within it keeps the cores; 'mirror alongside' is a writer at full"
                + " speed for longer than that window. The steady writer writes a batch every "
                + BATCH * 1000 / STEADY_POINTS_PER_SECOND + " ms for longer than that window, as a trading"
                + " process does: the mirror replays in its pauses; points/s counts only the time inside the calls.");
        table.note("Replay: the same rows written through a dual store whose secondary is held (SecondaryHold), then"
                + " the hold released; rows/s from the release until the secondary holds every row"
                + " (awaitCaughtUp).");
        context.report().add(table);
    }

    private void measure(ResultTable table, String primaryEngine, String secondaryEngine, Dataset data, long points)
            throws Exception {
        context.report().progress("dual: " + primaryEngine + " primary, " + secondaryEngine + " secondary");
        List<Run> alone = new ArrayList<>();
        List<Run> dual = new ArrayList<>();
        List<Run> alongside = new ArrayList<>();
        List<Run> steadyAlone = new ArrayList<>();
        List<Run> steadyDual = new ArrayList<>();
        long steadyPoints = Math.min(points, STEADY_POINTS);
        for (int repeat = 0; repeat < burstRuns(); repeat++) {
            alone.add(writeAlone(primaryEngine, data, points, 0));
            dual.add(writeDual(primaryEngine, secondaryEngine, data, points, Optional.empty(), 0));
            alongside.add(writeDual(primaryEngine, secondaryEngine, data, points, Optional.of(Duration.ZERO), 0));
        }
        for (int repeat = 0; repeat < runs(); repeat++) {
            steadyAlone.add(writeAlone(primaryEngine, data, steadyPoints, STEADY_POINTS_PER_SECOND));
            steadyDual.add(writeDual(primaryEngine, secondaryEngine, data, steadyPoints, Optional.empty(),
                    STEADY_POINTS_PER_SECOND));
        }
        Run aloneAll = pooled(alone);
        table.row(primaryEngine, "-", "primary alone", Figures.count(points), Figures.rate(median(alone)),
                millis(aloneAll, 0.5), millis(aloneAll, 0.99), "");
        double dualCost = row(table, primaryEngine, secondaryEngine, "dual (defaults)", points, dual, alone);
        row(table, primaryEngine, secondaryEngine, "dual, mirror alongside (yield-to-writes = 0s)", points,
                alongside, alone);
        context.report().target(new Target("dual, " + primaryEngine + " primary, a burst of "
                + Figures.count(points) + " points: the caller's time per row against the primary alone", "<= +10%",
                Figures.overhead(dualCost), Target.Verdict.of(dualCost <= 1.10)));
        String steady = "steady writer, " + Figures.count(STEADY_POINTS_PER_SECOND) + " points/s";
        Run steadyAloneAll = pooled(steadyAlone);
        table.row(primaryEngine, "-", "primary alone, " + steady, Figures.count(steadyPoints),
                Figures.rate(median(steadyAlone)), millis(steadyAloneAll, 0.5), millis(steadyAloneAll, 0.99), "");
        double steadyCost = row(table, primaryEngine, secondaryEngine, "dual (defaults), " + steady,
                steadyPoints, steadyDual, steadyAlone);
        context.report().target(new Target("dual, " + primaryEngine + " primary, a " + steady + ": the caller's"
                + " time per row against the primary alone", "<= +10%", Figures.overhead(steadyCost),
                Target.Verdict.of(steadyCost <= 1.10)));

        double replay = replay(primaryEngine, secondaryEngine, data, points);
        table.row(primaryEngine, secondaryEngine, "outbox replay", Figures.count(points), Figures.rate(replay), "",
                "", "");
        context.report().target(new Target("dual, " + secondaryEngine + " secondary: outbox replay rate",
                "measured", Figures.rate(replay) + " rows/s", Target.Verdict.MEASURED));
    }

    private int runs() {
        return Math.max(MIN_RUNS, context.options().ingestRepeats());
    }

    private int burstRuns() {
        return Math.max(MIN_BURST_RUNS, context.options().ingestRepeats());
    }

    /**
     * Adds the path's row.
     *
     * @param alone the primary alone's runs, the path's run of the same repeat beside each
     * @return the path's time per row against the primary alone's: the median over the repeats of each pair's
     *         ratio, so that the machine's speed, which drifts over minutes, is the same on both sides of a ratio
     */
    private static double row(ResultTable table, String primaryEngine, String secondaryEngine, String path,
                              long points, List<Run> runs, List<Run> alone) {
        Run all = pooled(runs);
        double[] ratios = new double[runs.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = alone.get(i).pointsPerSecond() / runs.get(i).pointsPerSecond();
        }
        double cost = Stats.median(ratios);
        table.row(primaryEngine, secondaryEngine, path, Figures.count(points), Figures.rate(median(runs)),
                millis(all, 0.5), millis(all, 0.99), Figures.overhead(cost));
        return cost;
    }

    /** Writes the rows into a new store of the engine alone. */
    private Run writeAlone(String engine, Dataset data, long points, int pointsPerSecond) {
        try (Opened primary = open(engine, "alone")) {
            Run run = write(primary.store(), data, points, pointsPerSecond);
            requireCount(primary.store(), points);
            return run;
        }
    }

    /** Writes the rows through a dual store into new stores, and checks that the secondary gets every one. */
    private Run writeDual(String primaryEngine, String secondaryEngine, Dataset data, long points,
                          Optional<Duration> yieldToWrites, int pointsPerSecond) {
        try (Opened primary = open(primaryEngine, "primary"); Opened secondary = open(secondaryEngine, "second");
             DualMetricsStore store = dual(primary, secondary, context.folder().resolve("outbox-" + System.nanoTime()),
                     yieldToWrites)) {
            Run run = write(store, data, points, pointsPerSecond);
            if (!store.awaitCaughtUp(CATCH_UP)) {
                throw new IllegalStateException("the secondary did not catch up within " + CATCH_UP);
            }
            requireCount(store, points);
            return run;
        }
    }

    private double replay(String primaryEngine, String secondaryEngine, Dataset data, long points) throws Exception {
        try (Opened primary = open(primaryEngine, "primary"); Opened secondary = open(secondaryEngine, "second")) {
            Path outbox = context.folder().resolve("outbox-replay-" + System.nanoTime());
            try (DualMetricsStore store = dual(primary, secondary, outbox, Optional.empty())) {
                long released;
                try (SecondaryHold hold = SecondaryHold.acquire(outbox, "benchmark", Duration.ofMinutes(1))) {
                    write(store, data, points, 0);
                    released = System.nanoTime();
                }
                if (!store.awaitCaughtUp(CATCH_UP)) {
                    throw new IllegalStateException("the outbox did not drain within " + CATCH_UP);
                }
                return points / ((System.nanoTime() - released) / 1e9);
            }
        }
    }

    /**
     * Writes the rows in batches, flat out ({@code pointsPerSecond} 0) or each batch at its time on a steady
     * schedule (late ones go at once); only the calls are timed.
     */
    private static Run write(MetricsStore store, Dataset data, long points, int pointsPerSecond) {
        long[] calls = new long[(int) ((points + BATCH - 1) / BATCH)];
        int[] index = {0};
        long periodNanos = pointsPerSecond == 0 ? 0 : BATCH * 1_000_000_000L / pointsPerSecond;
        long start = System.nanoTime();
        data.forEachBatch(0, points, BATCH, rows -> {
            long due = start + index[0] * periodNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long began = System.nanoTime();
            store.insertMetrics(rows);
            calls[index[0]++] = System.nanoTime() - began;
        });
        long total = Arrays.stream(calls).sum();
        return new Run(points / (total / 1e9), calls);
    }

    /** A dual store over the two stores' configurations (they are closed first: the dual store opens its own). */
    private DualMetricsStore dual(Opened primary, Opened secondary, Path outbox, Optional<Duration> yieldToWrites) {
        primary.store().close();
        secondary.store().close();
        Config block = ConfigFactory.parseString("primary = " + primary.block() + "\nsecondary = "
                + secondary.block() + "\noutbox.directory = \"" + outbox + "\""
                + yieldToWrites.map(d -> "\nreplay.yield-to-writes = " + d.toMillis() + "ms").orElse(""));
        return DualMetricsStore.open(DualStoreConfig.from(block, DualBench.class.getClassLoader()),
                OpenMode.CONFIGURED);
    }

    /** A new, empty store of an engine, its configuration block, and how to get rid of it. */
    private record Opened(MetricsStore store, String block, Runnable cleanUp) implements AutoCloseable {
        @Override
        public void close() {
            try {
                store.close();
            } finally {
                cleanUp.run();
            }
        }
    }

    private Opened open(String engine, String stem) {
        if (engine.equals("DuckDB")) {
            Path file = context.newDuckDbFile("dual-" + stem);
            return new Opened(Stores.duckdb(file, true), "{ type = duckdb, duckdb { path = \"" + file + "\" } }",
                    () -> RunContext.deleteDuckDbFile(file));
        }
        String url = context.timescaleUrl().orElseThrow();
        String schema = context.newSchema("dual_" + stem);
        return new Opened(Stores.timescale(url, schema, true), "{ type = timescale, timescale { url = \"" + url
                + "\", schema = \"" + schema + "\" } }", () -> {
                    try {
                        context.dropSchema(schema);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static double median(List<Run> runs) {
        return Stats.median(runs.stream().mapToDouble(Run::pointsPerSecond).toArray());
    }

    private static Run pooled(List<Run> runs) {
        long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.callNanos())).sorted().toArray();
        return new Run(0, all);
    }

    private static String millis(Run run, double fraction) {
        long[] calls = run.callNanos();
        return calls.length == 0 ? "" : Figures.millis(calls[(int) Math.min(calls.length - 1,
                Math.floor(fraction * calls.length))] / 1e6);
    }

    /** Checks that a store holds the rows written, so that a path that silently drops rows cannot look fast. */
    static void requireCount(MetricsStore store, long points) {
        long stored = store.count(StoreTable.TRADING_METRICS, TimeRange.all());
        if (stored != points) {
            throw new IllegalStateException("the store holds " + stored + " points, " + points + " were written");
        }
    }
}
