package io.tradingmetrics.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the dashboard queries ({@link QueryBench}) in a JVM of their own, on the data sets the run loaded, and hands
 * their tables and targets back to the run's report. The reads of tens of microseconds are the most sensitive figures
 * of the run, so no section before them (ingest, the batching writer, the dual store) leaves its heap, threads or
 * compiled code in the JVM that reads, as a dashboard server reads in a JVM of its own (BENCHMARKS.md, 2026-12-08).
 *
 * <p>Arguments: the number of data sets, each data set (see {@link #encode}), then the run's own arguments.
 */
public final class QueryChild {
    private static final String SEPARATOR = "\u001f";

    private QueryChild() {}

    /** The parent's side: runs the section in a child JVM with this JVM's heap limit and adds what it reported. */
    static void run(RunContext context, DataSets dataSets) throws Exception {
        List<String> args = new ArrayList<>();
        List<DataSets.Loaded> all = dataSets.all();
        args.add(Integer.toString(all.size()));
        all.stream().map(QueryChild::encode).forEach(args::add);
        args.addAll(context.options().arguments());
        List<String> heap = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-Xmx") || option.startsWith("-Xms")).toList();
        try (ChildJvm child = ChildJvm.start(heap, QueryChild.class, args)) {
            child.finish();
            ReportLines.read(child.lines(), context.report());
        }
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        List<DataSets.Loaded> loaded = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            loaded.add(decode(args[i]));
        }
        BenchOptions options = BenchOptions.parse(List.of(args).subList(count + 1, args.length).toArray(String[]::new));
        // Progress goes to stderr, which the parent's console shares; stdout carries the report's lines.
        Report report = Report.printingProgressOnly(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        try (RunContext context = new RunContext(options, report)) {
            new QueryBench(context, DataSets.of(context, loaded)).run();
        }
        ReportLines.write(report, System.out);
    }

    static String encode(DataSets.Loaded data) {
        return String.join(SEPARATOR, data.engine(), Long.toString(data.points()),
                data.duckDbFile().map(Path::toString).orElse(""), data.schema().orElse(""),
                Double.toString(data.loadRate()), Long.toString(data.bytesOnDisk()));
    }

    static DataSets.Loaded decode(String text) {
        String[] fields = text.split(SEPARATOR, -1);
        return new DataSets.Loaded(fields[0], Long.parseLong(fields[1]),
                fields[2].isEmpty() ? Optional.empty() : Optional.of(Path.of(fields[2])),
                fields[3].isEmpty() ? Optional.empty() : Optional.of(fields[3]), Double.parseDouble(fields[4]),
                Long.parseLong(fields[5]));
    }
}
