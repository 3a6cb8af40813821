package io.tradingmetrics.migration.files;

import io.tradingmetrics.migration.Digest;
import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.migration.MigrationListener;
import io.tradingmetrics.migration.MigrationPhase;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.TableRows;
import io.tradingmetrics.migration.csv.CsvTableFormat;
import io.tradingmetrics.migration.csv.CsvTableWriter;
import io.tradingmetrics.migration.parquet.DuckDbEngine;
import io.tradingmetrics.migration.parquet.ParquetTableWriter;
import io.tradingmetrics.migration.internal.DurableFiles;
import io.tradingmetrics.storage.api.StoreTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Writes a store's tables to files, one per table ({@code trading_metrics.parquet} and so on), streaming with bounded
 * memory, then {@code manifest.json} with each file's row count and checksum. Each file is written under a temporary
 * name and renamed when complete, so a file with its final name is whole.
 */
public final class StoreExporter {
    private static final int PROGRESS_STEP = 10_000;

    private final MigrationListener listener;

    public StoreExporter(MigrationListener listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    /**
     * @param directory the export directory; created when missing; must not hold files of an earlier export
     * @throws MigrationException when the directory holds such files or cannot be written
     */
    public ExportReport export(RowSource source, Path directory, ExportOptions options) {
        long start = System.nanoTime();
        if (options.format() == FileFormat.PARQUET) {
            DuckDbEngine.require("writing Parquet files (or export as CSV, which does not)");
        }
        prepare(directory, options);
        long total = 0;
        for (StoreTable table : options.tables()) {
            total += source.count(table, options.range());
        }
        listener.phaseStarted(MigrationPhase.EXPORT, total);
        List<ExportReport.ExportedFile> files = new ArrayList<>();
        Map<String, ExportManifest.Entry> entries = new LinkedHashMap<>();
        try {
            for (StoreTable table : options.tables()) {
                ExportReport.ExportedFile file = exportTable(TableRows.of(table), source, directory, options);
                files.add(file);
                entries.put(file.file().getFileName().toString(), new ExportManifest.Entry(table, file.digest()));
            }
        } finally {
            listener.phaseFinished(MigrationPhase.EXPORT);
        }
        new ExportManifest(source.id(), Instant.now(), options.range(), entries).write(directory);
        return new ExportReport(directory, files, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void prepare(Path directory, ExportOptions options) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new MigrationException("cannot create the export directory " + directory + ": " + e.getMessage(),
                    e);
        }
        List<String> existing = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        candidates.add(directory.resolve(ExportManifest.FILE_NAME));
        for (StoreTable table : options.tables()) {
            for (FileFormat format : FileFormat.values()) {
                candidates.add(directory.resolve(table.tableName() + "." + format.extension()));
            }
        }
        candidates.stream().filter(Files::exists).forEach(p -> existing.add(p.getFileName().toString()));
        if (!existing.isEmpty()) {
            throw new MigrationException("the export directory " + directory + " already holds "
                    + String.join(", ", existing) + "; export into an empty directory, or move those files away");
        }
    }

    private <T> ExportReport.ExportedFile exportTable(TableRows<T> rows, RowSource source, Path directory,
                                                     ExportOptions options) {
        StoreTable table = rows.table();
        Path file = directory.resolve(table.tableName() + "." + options.format().extension());
        Path partial = directory.resolve(file.getFileName() + ".part");
        long count = 0;
        long checksum = 0;
        try (Stream<T> stream = rows.stream(source, options.range());
             RowSink<T> sink = open(options.format(), table, partial, directory)) {
            for (Iterator<T> it = stream.iterator(); it.hasNext(); ) {
                T row = it.next();
                sink.write(row);
                checksum += rows.hash(row);
                if (++count % PROGRESS_STEP == 0) {
                    listener.rowsDone(MigrationPhase.EXPORT, table, PROGRESS_STEP);
                }
            }
            sink.finish();
            listener.rowsDone(MigrationPhase.EXPORT, table, count % PROGRESS_STEP);
            DurableFiles.force(partial);
            DurableFiles.moveAtomically(partial, file);
            long bytes = Files.size(file);
            listener.info(String.format("exported %s: %,d rows to %s", table.tableName(), count, file));
            return new ExportReport.ExportedFile(table, file, new Digest(count, checksum), bytes);
        } catch (IOException | SQLException e) {
            throw new MigrationException("cannot write " + file + ": " + e.getMessage()
                    + "; check free disk space and permissions, then export again into an empty directory", e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // A leftover .part file is not taken for an export.
            }
        }
    }

    private interface RowSink<T> extends AutoCloseable {
        void write(T row) throws IOException, SQLException;

        void finish() throws IOException;

        @Override
        void close() throws IOException;
    }

    @SuppressWarnings("unchecked")
    private static <T> RowSink<T> open(FileFormat format, StoreTable table, Path partial, Path directory)
            throws IOException {
        if (format == FileFormat.CSV) {
            CsvTableWriter<T> writer = new CsvTableWriter<>(partial, (CsvTableFormat<T>) CsvTableFormat.of(table));
            return new RowSink<>() {
                @Override
                public void write(T row) throws IOException {
                    writer.write(row);
                }

                @Override
                public void finish() throws IOException {
                    writer.close();
                }

                @Override
                public void close() throws IOException {
                    writer.close();
                }
            };
        }
        ParquetTableWriter<T> writer = new ParquetTableWriter<>(partial, table,
                directory.resolve("." + table.tableName() + ".export-scratch.duckdb"));
        return new RowSink<>() {
            @Override
            public void write(T row) throws SQLException {
                writer.write(row);
            }

            @Override
            public void finish() {
                writer.finish();
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }
}
