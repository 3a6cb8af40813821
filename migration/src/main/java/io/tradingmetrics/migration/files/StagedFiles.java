package io.tradingmetrics.migration.files;

import io.tradingmetrics.migration.Digest;
import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.migration.MigrationListener;
import io.tradingmetrics.migration.MigrationPhase;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.TableRows;
import io.tradingmetrics.migration.csv.BadRowException;
import io.tradingmetrics.migration.csv.CsvTableFormat;
import io.tradingmetrics.migration.csv.CsvTableReader;
import io.tradingmetrics.migration.parquet.DuckDbEngine;
import io.tradingmetrics.migration.parquet.ParquetTableReader;
import io.tradingmetrics.migration.parquet.StagingArea;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The rows of import files as a {@link RowSource}. The files are read and checked into the staging area when rows
 * are first asked for (a resumed import whose checkpoint is complete reads nothing); every file is read in full
 * before any row is handed out, so that a bad row is found before the target is touched.
 */
final class StagedFiles implements RowSource {
    private static final int PROGRESS_STEP = 10_000;

    private final String id;
    private final List<StoreImporter.ImportFile> files;
    private final Path stagingFile;
    private final MigrationListener listener;
    private final List<ImportReport.ImportedFile> imported = new ArrayList<>();
    private StagingArea staging;

    StagedFiles(String id, List<StoreImporter.ImportFile> files, Path stagingFile, MigrationListener listener) {
        this.id = id;
        this.files = files;
        this.stagingFile = stagingFile;
        this.listener = listener;
    }

    synchronized List<ImportReport.ImportedFile> importedFiles() {
        return List.copyOf(imported);
    }

    private synchronized StagingArea staged() {
        if (staging == null) {
            DuckDbEngine.require("importing files (their rows are checked in a staging database first)");
            StagingArea area = StagingArea.create(id, stagingFile);
            try {
                long totalBytes = 0;
                for (StoreImporter.ImportFile file : files) {
                    totalBytes += Files.size(file.path());
                }
                listener.phaseStarted(MigrationPhase.STAGE, 0);
                listener.info(String.format("reading and checking %d file(s), %,d bytes, before writing anything",
                        files.size(), totalBytes));
                for (StoreImporter.ImportFile file : files) {
                    imported.add(stage(area, file, TableRows.of(file.table())));
                }
            } catch (IOException | RuntimeException e) {
                area.close();
                if (e instanceof IOException io) {
                    throw new MigrationException("cannot read the import files: " + io.getMessage(), io);
                }
                throw (RuntimeException) e;
            } finally {
                listener.phaseFinished(MigrationPhase.STAGE);
            }
            staging = area;
        }
        return staging;
    }

    private <T> ImportReport.ImportedFile stage(StagingArea area, StoreImporter.ImportFile file, TableRows<T> rows) {
        long count = 0;
        long checksum = 0;
        String fileName = file.path().getFileName().toString();
        try (StagingArea.TableStager<T> stager = area.stage(file.table());
             RowReader<T> reader = open(file, area)) {
            for (Optional<T> row = reader.next(); row.isPresent(); row = reader.next()) {
                stager.add(row.get());
                checksum += rows.hash(row.get());
                if (++count % PROGRESS_STEP == 0) {
                    listener.rowsDone(MigrationPhase.STAGE, file.table(), PROGRESS_STEP);
                }
            }
            listener.rowsDone(MigrationPhase.STAGE, file.table(), count % PROGRESS_STEP);
        } catch (BadRowException e) {
            throw BadImportRowException.of(e);
        } catch (IOException e) {
            throw new MigrationException("cannot read " + file.path() + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new MigrationException("cannot stage " + file.path() + ": " + e.getMessage(), e);
        }
        Optional<String> duplicate = area.firstDuplicateKey(file.table());
        if (duplicate.isPresent()) {
            throw new BadImportRowException(fileName, 0, Optional.empty(), duplicate.get() + "; a store keeps one "
                    + "row per key, so remove the duplicates (keep the row you want) and import again");
        }
        Digest digest = new Digest(count, checksum);
        boolean checked = checkManifest(file, fileName, digest);
        listener.info(String.format("read %s: %,d %s rows%s", file.path(), count, file.table().tableName(),
                checked ? ", as its export manifest lists" : ""));
        return new ImportReport.ImportedFile(file.path(), file.table(), file.format(), digest, checked);
    }

    private static boolean checkManifest(StoreImporter.ImportFile file, String fileName, Digest digest) {
        Path directory = file.path().toAbsolutePath().getParent();
        Optional<ExportManifest> manifest = ExportManifest.read(directory);
        if (manifest.isEmpty() || !manifest.get().files().containsKey(fileName)) {
            return false;
        }
        ExportManifest.Entry entry = manifest.get().files().get(fileName);
        if (entry.table() != file.table() || !entry.digest().equals(digest)) {
            throw new MigrationException(String.format("%s holds %,d %s rows (checksum %s) but the export manifest "
                            + "lists %,d %s rows (checksum %s): the file is incomplete or was changed after the "
                            + "export. Export again, or move manifest.json away to import the file as it is",
                    file.path(), digest.rows(), file.table().tableName(), digest.checksumHex(),
                    entry.digest().rows(), entry.table().tableName(), entry.digest().checksumHex()));
        }
        return true;
    }

    /** The rows of one file, one at a time, whatever its format. */
    private record RowReader<T>(Supplier<Optional<T>> rows, Runnable closer) implements AutoCloseable {
        Optional<T> next() {
            return rows.get();
        }

        @Override
        public void close() {
            closer.run();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> RowReader<T> open(StoreImporter.ImportFile file, StagingArea area) throws IOException {
        if (file.format() == FileFormat.CSV) {
            CsvTableReader<T> reader = new CsvTableReader<>(file.path(),
                    (CsvTableFormat<T>) CsvTableFormat.of(file.table()));
            return new RowReader<>(reader::next, reader::close);
        }
        ParquetTableReader<T> reader = new ParquetTableReader<>(file.path(), file.table(), area);
        return new RowReader<>(reader::next, reader::close);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<TimeRange> extent(StoreTable table) {
        return staged().extent(table);
    }

    @Override
    public long count(StoreTable table, TimeRange range) {
        return staged().count(table, range);
    }

    @Override
    public Stream<MetricPoint> streamMetrics(TimeRange range) {
        return staged().streamMetrics(range);
    }

    @Override
    public Stream<Candle> streamCandles(TimeRange range) {
        return staged().streamCandles(range);
    }

    @Override
    public Stream<PerformanceSnapshot> streamPerformance(TimeRange range) {
        return staged().streamPerformance(range);
    }

    @Override
    public synchronized void close() {
        if (staging != null) {
            staging.close();
        }
    }
}
