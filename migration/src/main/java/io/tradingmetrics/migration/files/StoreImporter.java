package io.tradingmetrics.migration.files;

import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.migration.MigrationListener;
import io.tradingmetrics.migration.MigrationOptions;
import io.tradingmetrics.migration.MigrationReport;
import io.tradingmetrics.migration.StoreMigrator;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Imports table files (this program's exports, {@code psql \copy ... CSV HEADER} output, pandas {@code to_csv}
 * output, Parquet) into any store. Every row of every file is read and checked into a staging area first; a bad
 * row stops the import with a message naming file, line and column, and nothing written to the target. The checked
 * rows are then copied like any migration: into a target that holds no rows in the tables and range (or with
 * append), chunk by chunk, checkpointed, resumable by running the same import again.
 */
public final class StoreImporter {
    private final MigrationListener listener;

    public StoreImporter(MigrationListener listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    /**
     * @param inputs files, or one directory holding files named after their tables
     *               ({@code trading_metrics.csv}, {@code candles.parquet}, ...)
     * @param targetId the target's stable identity; the checkpoint is keyed by it and the files' identity
     * @throws BadImportRowException when a row cannot be read; nothing was written
     */
    public ImportReport importFiles(List<Path> inputs, MetricsStore target, String targetId, ImportOptions options) {
        requireNonNull(inputs, "inputs is null");
        requireNonNull(target, "target is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(options, "options is null");
        List<ImportFile> files = resolve(inputs, options);
        String sourceId = identity(files);
        MigrationOptions migration = options.migration()
                .withTables(files.stream().map(ImportFile::table).toList());
        Path stagingFile = migration.stateDirectory().resolve("import-staging-" + shortHash(sourceId + "\n"
                + targetId) + ".duckdb");
        try (StagedFiles source = new StagedFiles(sourceId, files, stagingFile, listener)) {
            MigrationReport report = new StoreMigrator(listener).migrate(source, target, targetId, migration);
            return new ImportReport(source.importedFiles(), report);
        }
    }

    /** A file to import and its table. */
    record ImportFile(Path path, StoreTable table, FileFormat format) {}

    private static List<ImportFile> resolve(List<Path> inputs, ImportOptions options) {
        if (inputs.isEmpty()) {
            throw new InvalidInputException("no file to import; give files or a directory");
        }
        Map<StoreTable, ImportFile> byTable = new EnumMap<>(StoreTable.class);
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<ImportFile> found = inDirectory(input, options.migration().tables());
                if (found.isEmpty()) {
                    throw new InvalidInputException("the directory " + input + " holds no table file; expected "
                            + "files named after their tables: " + options.migration().tables().stream()
                            .map(t -> t.tableName() + ".parquet or .csv").collect(Collectors.joining(", ")));
                }
                found.forEach(file -> add(byTable, file));
            } else if (Files.isRegularFile(input)) {
                add(byTable, ofFile(input, options));
            } else {
                throw new InvalidInputException("cannot import " + input + ": no such file or directory");
            }
        }
        return List.copyOf(byTable.values());
    }

    private static void add(Map<StoreTable, ImportFile> byTable, ImportFile file) {
        ImportFile earlier = byTable.put(file.table(), file);
        if (earlier != null) {
            throw new InvalidInputException("both " + earlier.path() + " and " + file.path() + " hold table "
                    + file.table().tableName() + "; import one file per table");
        }
    }

    private static List<ImportFile> inDirectory(Path directory, List<StoreTable> tables) {
        List<ImportFile> files = new ArrayList<>();
        for (StoreTable table : tables) {
            List<ImportFile> candidates = new ArrayList<>();
            for (FileFormat format : FileFormat.values()) {
                Path file = directory.resolve(table.tableName() + "." + format.extension());
                if (Files.isRegularFile(file)) {
                    candidates.add(new ImportFile(file, table, format));
                }
            }
            if (candidates.size() > 1) {
                throw new InvalidInputException("the directory " + directory + " holds " + table.tableName()
                        + " both as Parquet and as CSV; import one of them with --file");
            }
            files.addAll(candidates);
        }
        return files;
    }

    private static ImportFile ofFile(Path file, ImportOptions options) {
        FileFormat format = FileFormat.ofFile(file).orElseThrow(() -> new InvalidInputException("cannot tell the "
                + "format of " + file + "; name it .parquet or .csv"));
        if (options.table().isPresent()) {
            return new ImportFile(file, options.table().get(), format);
        }
        String stem = format.stem(file);
        for (StoreTable table : StoreTable.values()) {
            if (table.tableName().equalsIgnoreCase(stem)) {
                return new ImportFile(file, table, format);
            }
        }
        throw new InvalidInputException("cannot tell the table of " + file + " from its name; name it "
                + "trading_metrics, candles or performance_history (." + format.extension() + "), or give the table");
    }

    /** Same paths with the same sizes and modification times: the same import. */
    private static String identity(List<ImportFile> files) {
        List<String> parts = new ArrayList<>();
        for (ImportFile file : files) {
            try {
                Path path = file.path().toAbsolutePath().normalize();
                parts.add(path + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path).toMillis());
            } catch (IOException e) {
                throw new MigrationException("cannot read " + file.path() + ": " + e.getMessage(), e);
            }
        }
        return "files:" + String.join(";", parts);
    }

    private static String shortHash(String text) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
