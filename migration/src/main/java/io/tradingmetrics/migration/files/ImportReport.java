package io.tradingmetrics.migration.files;

import io.tradingmetrics.migration.Digest;
import io.tradingmetrics.migration.MigrationReport;
import io.tradingmetrics.storage.api.StoreTable;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import read and wrote.
 *
 * @param files the files read (empty when an earlier run had completed the import and nothing was read)
 * @param migration the copy of the checked rows into the target
 */
public record ImportReport(List<ImportedFile> files, MigrationReport migration) {
    public ImportReport {
        files = List.copyOf(files);
    }

    /**
     * One file read.
     *
     * @param file the file
     * @param table its table
     * @param format its format
     * @param digest the count and checksum of its rows
     * @param manifestChecked whether an export manifest listed the file and its rows matched the listing
     */
    public record ImportedFile(Path file, StoreTable table, FileFormat format, Digest digest,
                               boolean manifestChecked) {}

    /** @return whether the import did what was asked and, when verified, target and files match */
    public boolean succeeded() {
        return migration.succeeded();
    }

    /** @return the outcome in readable lines */
    public String summary() {
        StringBuilder text = new StringBuilder();
        for (ImportedFile file : files) {
            text.append(String.format("read %s (%s, %s): %,d rows, checksum %s%s%n", file.file(),
                    file.table().tableName(), file.format().extension(), file.digest().rows(),
                    file.digest().checksumHex(), file.manifestChecked() ? ", matches the export manifest" : ""));
        }
        return text.append(migration.summary()).toString();
    }
}
