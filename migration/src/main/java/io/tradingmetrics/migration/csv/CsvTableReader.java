package io.tradingmetrics.migration.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the rows of one table from a UTF-8 CSV file with a header, one at a time.
 *
 * @param <T> the row type
 */
public final class CsvTableReader<T> implements AutoCloseable {
    private final CsvTableFormat<T> format;
    private final CsvReader csv;
    private final String fileName;
    private final CsvLayout layout;

    /**
     * Opens the file and reads its header.
     *
     * @throws IOException when the file cannot be opened or read
     * @throws BadRowException when the header is missing or does not name the table's columns
     */
    public CsvTableReader(Path file, CsvTableFormat<T> format) throws IOException {
        this.format = format;
        this.fileName = file.getFileName().toString();
        this.csv = new CsvReader(new StrictUtf8Reader(Files.newInputStream(file)), fileName);
        CsvReader.Record header = csv.next().orElseThrow(() -> new BadRowException(fileName, 1, Optional.empty(),
                "the file is empty; a CSV file needs a header row naming its columns"));
        this.layout = format.layout(fileName, header);
    }

    /** @return the next row, empty at the end of the file */
    public Optional<T> next() {
        try {
            Optional<CsvReader.Record> record = csv.next();
            if (record.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(format.decode(fileName, record.get(), layout));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            // Read-only file; closing cannot lose data.
        }
    }
}
