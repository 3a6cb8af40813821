package io.tradingmetrics.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Prints {@link ResultTable}s as aligned text, CSV or JSON. */
public final class TablePrinter {
    private static final JsonFactory JSON = new JsonFactory();

    private final PrintWriter out;
    private final OutputFormat format;

    public TablePrinter(PrintWriter out, OutputFormat format) {
        this.out = requireNonNull(out, "out is null");
        this.format = requireNonNull(format, "format is null");
    }

    /**
     * Prints the table; in text form at most {@code maxRows} rows, followed by how many more there are.
     * CSV and JSON always print every row and leave out title and note.
     */
    public void print(ResultTable table, int maxRows) {
        switch (format) {
            case TABLE -> printText(table, maxRows);
            case CSV -> printCsv(table);
            case JSON -> printJson(table);
        }
        out.flush();
    }

    /** Prints every row. */
    public void print(ResultTable table) {
        print(table, Integer.MAX_VALUE);
    }

    private void printText(ResultTable table, int maxRows) {
        out.println(table.title());
        table.note().ifPresent(note -> out.println("  " + note));
        List<Column> columns = table.columns();
        int shown = Math.min(maxRows, table.rows().size());
        List<String[]> cells = new ArrayList<>();
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).name().length();
        }
        for (List<Object> row : table.rows().subList(0, shown)) {
            String[] texts = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                texts[c] = Cells.forTable(row.get(c), columns.get(c).kind());
                widths[c] = Math.max(widths[c], texts[c].length());
            }
            cells.add(texts);
        }
        String[] header = columns.stream().map(Column::name).toArray(String[]::new);
        out.println(line(header, columns, widths));
        String[] rule = new String[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        out.println(line(rule, columns, widths));
        cells.forEach(texts -> out.println(line(texts, columns, widths)));
        if (table.rows().isEmpty()) {
            out.println("  (no rows)");
        } else if (shown < table.rows().size()) {
            int hidden = table.rows().size() - shown;
            out.println("  ... " + Cells.count(hidden) + (hidden == 1 ? " more row (" : " more rows (")
                    + Cells.count(table.rows().size()) + " in all)");
        }
        out.println();
    }

    private static String line(String[] texts, List<Column> columns, int[] widths) {
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < texts.length; c++) {
            String text = texts[c];
            String pad = " ".repeat(widths[c] - text.length());
            line.append(columns.get(c).rightAligned() ? pad + text : text + pad);
            if (c < texts.length - 1) {
                line.append("  ");
            }
        }
        return line.toString().stripTrailing();
    }

    private void printCsv(ResultTable table) {
        List<String> header = table.columns().stream().map(Column::name).toList();
        out.println(csvLine(header));
        for (List<Object> row : table.rows()) {
            List<String> texts = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                texts.add(Cells.forMachine(row.get(c), table.columns().get(c).kind()));
            }
            out.println(csvLine(texts));
        }
    }

    private static String csvLine(List<String> texts) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (i > 0) {
                line.append(',');
            }
            if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
                line.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                line.append(text);
            }
        }
        return line.toString();
    }

    private void printJson(ResultTable table) {
        try (JsonGenerator json = JSON.createGenerator(nonClosing(out))) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (List<Object> row : table.rows()) {
                json.writeStartObject();
                for (int c = 0; c < row.size(); c++) {
                    json.writeFieldName(table.columns().get(c).name());
                    writeJsonValue(json, Cells.plain(row.get(c)));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private static void writeJsonValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                json.writeString(d.toString()); // JSON has no NaN or infinity
            } else {
                json.writeNumber(d);
            }
        } else if (value instanceof Long || value instanceof Integer) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : new java.util.TreeMap<>(map).entrySet()) {
                json.writeStringField(entry.getKey().toString(), entry.getValue().toString());
            }
            json.writeEndObject();
        } else {
            json.writeString(value.toString());
        }
    }

    private static Writer nonClosing(PrintWriter out) {
        return new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                out.write(buffer, offset, length);
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }
}
