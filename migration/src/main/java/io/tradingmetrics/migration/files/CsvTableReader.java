package io.tradingmetrics.migration.files;

import io.tradingmetrics.migration.MigrationException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
    private long lastLine;

    /** Opens the file and reads its header. */
    public CsvTableReader(Path file, CsvTableFormat<T> format) {
        this.format = format;
        this.fileName = file.getFileName().toString();
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.csv = new CsvReader(new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder),
                    1 << 16), fileName);
            CsvReader.Record header = csv.next().orElseThrow(() -> new BadImportRowException(fileName, 1,
                    Optional.empty(), "the file is empty; a CSV file needs a header row naming its columns"));
            this.layout = format.layout(fileName, header);
            this.lastLine = header.line();
        } catch (IOException e) {
            throw new MigrationException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the next row, empty at the end of the file */
    public Optional<T> next() {
        try {
            Optional<CsvReader.Record> record = csv.next();
            if (record.isEmpty()) {
                return Optional.empty();
            }
            lastLine = record.get().line();
            return Optional.of(format.decode(fileName, record.get(), layout));
        } catch (CharacterCodingException e) {
            throw new BadImportRowException(fileName, lastLine + 1, Optional.empty(),
                    "the file is not UTF-8 text; convert it to UTF-8 (for example with iconv)");
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
