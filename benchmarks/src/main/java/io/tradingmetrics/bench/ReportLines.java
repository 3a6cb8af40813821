package io.tradingmetrics.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A report's tables and targets as lines of text, so that a section run in a child JVM ({@link ChildJvm}) reports
 * into the parent's {@link Report}: {@code TABLE}, {@code ROW}, {@code NOTE} and {@code TARGET} lines of
 * tab-separated fields, with backslash escapes for tabs, line ends and backslashes.
 */
final class ReportLines {
    private static final String TABLE = "TABLE\t";
    private static final String ROW = "ROW\t";
    private static final String NOTE = "NOTE\t";
    private static final String TARGET = "TARGET\t";

    private ReportLines() {}

    /** Writes the report's tables and targets, in their order. */
    static void write(Report report, PrintStream out) {
        for (ResultTable table : report.tables()) {
            List<String> title = new ArrayList<>(List.of(table.title()));
            title.addAll(table.headers());
            out.println(TABLE + join(title));
            for (List<String> row : table.rows()) {
                out.println(ROW + join(row));
            }
            for (String note : table.notes()) {
                out.println(NOTE + join(List.of(note)));
            }
        }
        for (Target target : report.targets()) {
            out.println(TARGET + join(List.of(target.name(), target.target(), target.measured(),
                    target.verdict().name())));
        }
        out.flush();
    }

    /** Adds the tables and targets that the lines hold to the report; other lines are left alone. */
    static void read(List<String> lines, Report into) {
        ResultTable table = null;
        for (String line : lines) {
            if (line.startsWith(TABLE)) {
                addIfAny(table, into);
                List<String> fields = split(line.substring(TABLE.length()));
                table = new ResultTable(fields.get(0), fields.subList(1, fields.size()).toArray(String[]::new));
            } else if (line.startsWith(ROW)) {
                requireTable(table, line).row(split(line.substring(ROW.length())).toArray());
            } else if (line.startsWith(NOTE)) {
                requireTable(table, line).note(split(line.substring(NOTE.length())).get(0));
            } else if (line.startsWith(TARGET)) {
                List<String> fields = split(line.substring(TARGET.length()));
                into.target(new Target(fields.get(0), fields.get(1), fields.get(2),
                        Target.Verdict.valueOf(fields.get(3))));
            }
        }
        addIfAny(table, into);
    }

    private static void addIfAny(ResultTable table, Report into) {
        if (table != null) {
            into.add(table);
        }
    }

    private static ResultTable requireTable(ResultTable table, String line) {
        if (table == null) {
            throw new IllegalArgumentException("a table's line before any TABLE line: " + line);
        }
        return table;
    }

    private static String join(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (String field : fields) {
            if (!out.isEmpty()) {
                out.append('\t');
            }
            out.append(field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
        }
        return out.toString();
    }

    private static List<String> split(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < text.length()) {
                char escaped = text.charAt(++i);
                field.append(switch (escaped) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> escaped;
                });
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
