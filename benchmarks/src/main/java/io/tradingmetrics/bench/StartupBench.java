package io.tradingmetrics.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Store start-up and resident memory, each in a fresh JVM with default options: the open of the large data set
 * (connect, Flyway validation of the schema), cold (the JVM's first) and warm (median of five more), and the
 * child's resident set (VmRSS of /proc/PID/status) once open and after one round of the dashboard queries.
 */
final class StartupBench {
    private final RunContext context;
    private final DataSets dataSets;

    StartupBench(RunContext context, DataSets dataSets) {
        this.context = context;
        this.dataSets = dataSets;
    }

    void run() throws Exception {
        ResultTable table = new ResultTable("Store start-up and resident memory (fresh JVM, default JVM options)",
                "engine", "points", "cold open ms", "JVM start to open ms", "warm open ms", "RSS open",
                "RSS after queries", "peak RSS");
        DataSets.Loaded duck = dataSets.duckDbLarge();
        double duckCold = measure(table, duck, List.of("duckdb", duck.duckDbFile().orElseThrow().toString()));
        context.report().target(new Target("DuckDB store start-up (open + Flyway validate, cold JVM)", "< 1 s",
                Figures.millis(duckCold) + " ms", Target.Verdict.of(duckCold < 1_000)));
        if (dataSets.timescaleLarge().isPresent()) {
            DataSets.Loaded timescale = dataSets.timescaleLarge().get();
            double cold = measure(table, timescale, List.of("timescale", context.timescaleUrl().orElseThrow(),
                    timescale.schema().orElseThrow()));
            context.report().target(new Target("TimescaleDB store start-up (open + Flyway validate, cold JVM)",
                    "(no target)", Figures.millis(cold) + " ms", Target.Verdict.MEASURED));
        }
        table.note("cold open: the first open in the JVM, classes and the native library loaded on the way; median"
                + " of " + context.options().ingestRepeats() + " fresh JVMs. JVM start to open adds the JVM's own start.");
        table.note("RSS: resident set of the child JVM (heap, metaspace, code, and DuckDB's native buffers) with the"
                + " store open and idle, then after each dashboard query ran once; peak RSS is VmHWM.");
        context.report().add(table);
    }

    /** @return the median cold open in milliseconds */
    private double measure(ResultTable table, DataSets.Loaded data, List<String> args) throws Exception {
        context.report().progress("start-up: " + data.engine());
        List<Map<String, String>> runs = new ArrayList<>();
        long rssOpen = -1;
        long rssQueried = -1;
        long peak = -1;
        for (int i = 0; i < context.options().ingestRepeats(); i++) {
            try (ChildJvm child = ChildJvm.start(List.of(), StartupChild.class, args)) {
                child.awaitReady("opened");
                if (i == 0) {
                    rssOpen = child.status("VmRSS").orElse(-1L);
                }
                child.proceed();
                child.awaitReady("queried");
                if (i == 0) {
                    rssQueried = child.status("VmRSS").orElse(-1L);
                    peak = child.status("VmHWM").orElse(-1L);
                }
                child.proceed();
                runs.add(Map.copyOf(child.finish()));
            }
        }
        double cold = Stats.median(values(runs, "coldOpenMs"));
        table.row(data.engine(), Figures.count(data.points()), Figures.millis(cold),
                Figures.millis(Stats.median(values(runs, "jvmStartToOpenMs"))),
                Figures.millis(Stats.median(values(runs, "warmOpenMs"))), Figures.megabytes(rssOpen),
                Figures.megabytes(rssQueried), Figures.megabytes(peak));
        return cold;
    }

    private static double[] values(List<Map<String, String>> runs, String key) {
        return runs.stream().mapToDouble(run -> Double.parseDouble(run.get(key))).toArray();
    }
}
