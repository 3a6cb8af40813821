package io.tradingmetrics.migration.csv;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, or are empty strings.
 * A {@code null} field is written as nothing (unquoted), an empty string as {@code ""}, as {@code psql} does, so that
 * the two read back apart.
 */
public final class CsvWriter implements AutoCloseable {
    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    /** Writes one record; {@code null} elements are absent values. */
    public void writeRecord(String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            String field = fields[i];
            if (field == null) {
                continue;
            }
            if (field.isEmpty() || needsQuotes(field)) {
                out.write('"');
                out.write(field.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(field);
            }
        }
        out.write("\r\n");
    }

    private static boolean needsQuotes(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
