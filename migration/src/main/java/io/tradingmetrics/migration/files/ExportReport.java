package io.tradingmetrics.migration.files;

import io.tradingmetrics.migration.Digest;
import io.tradingmetrics.storage.api.StoreTable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param directory the export directory
 * @param files one entry per table
 * @param elapsed the wall-clock time
 */
public record ExportReport(Path directory, List<ExportedFile> files, Duration elapsed) {
    public ExportReport {
        files = List.copyOf(files);
    }

    /**
     * One written file.
     *
     * @param table the table
     * @param file the file
     * @param digest its rows' count and checksum
     * @param bytes its size
     */
    public record ExportedFile(StoreTable table, Path file, Digest digest, long bytes) {}

    /** @return the rows written, over all files */
    public long rows() {
        return files.stream().mapToLong(f -> f.digest().rows()).sum();
    }

    /** @return the outcome in readable lines */
    public String summary() {
        StringBuilder text = new StringBuilder(String.format("exported %,d rows to %s in %.1f s%n", rows(),
                directory, elapsed.toNanos() / 1e9));
        for (ExportedFile file : files) {
            text.append(String.format("  %-30s %,d rows, %,d bytes, checksum %s%n", file.file().getFileName(),
                    file.digest().rows(), file.bytes(), file.digest().checksumHex()));
        }
        return text.toString().stripTrailing();
    }
}
