package io.tradingmetrics.migration.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the rows of one table to a UTF-8 CSV file with a header row.
 *
 * @param <T> the row type
 */
public final class CsvTableWriter<T> implements AutoCloseable {
    private final CsvTableFormat<T> format;
    private final CsvWriter csv;

    /** Creates (or truncates) the file and writes the header. */
    public CsvTableWriter(Path file, CsvTableFormat<T> format) throws IOException {
        this.format = format;
        this.csv = new CsvWriter(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 16));
        csv.writeRecord(format.columns().toArray(new String[0]));
    }

    public void write(T row) throws IOException {
        csv.writeRecord(format.encode(row));
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
