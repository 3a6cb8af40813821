package io.tradingmetrics.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run found: facts about the run, tables of figures and the targets. Tables go to the console as they are
 * made; the whole goes into BENCHMARKS.md at the end, between two markers, replacing the previous run's results.
 */
final class Report {
    static final String BEGIN = "<!-- benchmark results: begin (written by scripts/bench.sh; edits here are replaced) -->";
    static final String END = "<!-- benchmark results: end -->";

    private final PrintStream console;
    private final boolean printsTables;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<ResultTable> tables = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();

    Report(PrintStream console) {
        this(console, true);
    }

    private Report(PrintStream console, boolean printsTables) {
        this.console = console;
        this.printsTables = printsTables;
    }

    /** @return a report that prints only progress: a child JVM's, whose tables the parent prints when it adds them */
    static Report printingProgressOnly(PrintStream console) {
        return new Report(console, false);
    }

    void fact(String name, String value) {
        facts.put(name, value);
    }

    void progress(String message) {
        console.println("... " + message);
        console.flush();
    }

    void add(ResultTable table) {
        if (!table.isEmpty()) {
            tables.add(table);
            if (printsTables) {
                console.print(table.text());
                console.flush();
            }
        }
    }

    void target(Target target) {
        targets.add(target);
    }

    List<Target> targets() {
        return List.copyOf(targets);
    }

    List<ResultTable> tables() {
        return List.copyOf(tables);
    }

    void printSummary() {
        console.print(factsTable().text());
        console.print(targetsTable().text());
        console.flush();
    }

    private ResultTable factsTable() {
        ResultTable table = new ResultTable("Run", "fact", "value");
        facts.forEach(table::row);
        return table;
    }

    private ResultTable targetsTable() {
        ResultTable table = new ResultTable("Targets", "what", "target", "measured", "verdict");
        for (Target target : targets) {
            table.row(target.name(), target.target(), target.measured(), target.verdict().label());
        }
        return table;
    }

    String markdown() {
        StringBuilder out = new StringBuilder(BEGIN).append("\n\n## Results of the last run\n\n");
        out.append(factsTable().markdown().replaceFirst("### Run\n\n", ""));
        out.append(targetsTable().markdown());
        for (ResultTable table : tables) {
            out.append(table.markdown());
        }
        return out.append(END).append('\n').toString();
    }

    /** Replaces the results between the markers of the file, or appends them when it has none. */
    void writeInto(Path file) throws IOException {
        String results = markdown();
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated;
        if (begin >= 0 && end > begin) {
            int after = end + END.length();
            if (after < text.length() && text.charAt(after) == '\n') {
                after++;
            }
            updated = text.substring(0, begin) + results + text.substring(after);
        } else {
            updated = text + (text.endsWith("\n") ? "\n" : "\n\n") + results;
        }
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
