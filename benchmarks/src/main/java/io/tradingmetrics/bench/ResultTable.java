package io.tradingmetrics.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** A titled table of figures, printed aligned on the console and as Markdown into BENCHMARKS.md. */
final class ResultTable {
    private static final Pattern FIGURE =
            Pattern.compile("[-+]?[0-9][0-9,.]*(\\.\\.[0-9,.]+)?( ?(%|x|s|ms|MB))?|-");
    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ResultTable(String title, String... headers) {
        this.title = requireNonNull(title, "title is null");
        this.headers = List.of(headers);
    }

    ResultTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns in " + title);
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    ResultTable note(String note) {
        notes.add(note);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String title() {
        return title;
    }

    List<String> headers() {
        return headers;
    }

    List<List<String>> rows() {
        return List.copyOf(rows);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    String text() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder("\n== ").append(title).append(" ==\n");
        appendLine(out, headers, widths);
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("  ");
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        for (List<String> row : rows) {
            appendLine(out, row, widths);
        }
        for (String note : notes) {
            out.append("  * ").append(note).append('\n');
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            // Figures read best right-aligned, names left-aligned.
            boolean numeric = c > 0 && FIGURE.matcher(cell).matches();
            line.append(numeric ? " ".repeat(widths[c] - cell.length()) + cell
                    : cell + " ".repeat(widths[c] - cell.length())).append("  ");
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        out.append("| ").append(String.join(" | ", headers)).append(" |\n");
        out.append("|").append("---|".repeat(headers.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            for (String note : notes) {
                out.append("- ").append(note).append('\n');
            }
        }
        return out.append('\n').toString();
    }
}
