package io.tradingmetrics.migration;

import io.tradingmetrics.migration.csv.CsvTableFormat;
import io.tradingmetrics.migration.csv.CsvTableReader;
import io.tradingmetrics.migration.csv.CsvTableWriter;
import io.tradingmetrics.migration.internal.DurableFiles;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When appending points to a target that already holds points in a chunk's range, a half-written chunk cannot be
 * told apart from the rows that were there before (points are not keyed). So before the first write, the target's
 * points of the range are saved to a CSV file; a resumed run clears the range and puts them back, then copies.
 * Candles and snapshots need no such file: they are upserted, so writing them again is harmless.
 */
final class UndoLog {
    private final Path directory;
    private final String stem;

    UndoLog(Path directory, String stem) {
        this.directory = directory;
        this.stem = stem;
    }

    /** Saves the target's points in the chunk's range, durably. @return the file's name */
    String save(MetricsStore target, ChunkState chunk) {
        String name = stem + "-undo-" + chunk.table().tableName() + "-" + chunk.index() + ".csv";
        Path file = directory.resolve(name);
        Path temporary = directory.resolve(name + ".tmp");
        try (Stream<MetricPoint> points = target.streamMetrics(chunk.range());
             CsvTableWriter<MetricPoint> writer = new CsvTableWriter<>(temporary, CsvTableFormat.METRICS)) {
            for (Iterator<MetricPoint> it = points.iterator(); it.hasNext(); ) {
                writer.write(it.next());
            }
        } catch (IOException e) {
            throw new MigrationException("cannot save the target's rows of " + chunk.describe() + " to " + file
                    + ": " + e.getMessage() + "; free disk space or choose another state directory", e);
        }
        try {
            DurableFiles.force(temporary);
            DurableFiles.moveAtomically(temporary, file);
        } catch (IOException e) {
            throw new MigrationException("cannot save " + file + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** Clears the chunk's range in the target and writes the saved points back. @return the rows cleared */
    long restore(MetricsStore target, ChunkState chunk, int batchSize) {
        long cleared = target.deleteRange(StoreTable.TRADING_METRICS, chunk.range());
        Optional<String> undo = chunk.undoFile();
        if (undo.isPresent()) {
            Path file = directory.resolve(undo.get());
            try (CsvTableReader<MetricPoint> reader = new CsvTableReader<>(file, CsvTableFormat.METRICS)) {
                List<MetricPoint> batch = new ArrayList<>(batchSize);
                for (Optional<MetricPoint> point = reader.next(); point.isPresent(); point = reader.next()) {
                    batch.add(point.get());
                    if (batch.size() == batchSize) {
                        target.insertMetrics(batch);
                        batch = new ArrayList<>(batchSize);
                    }
                }
                if (!batch.isEmpty()) {
                    target.insertMetrics(batch);
                }
            } catch (IOException e) {
                throw new MigrationException("cannot read the saved rows of " + chunk.describe() + " from " + file
                        + ": " + e.getMessage() + "; restore the file, or clear the target and start afresh", e);
            }
        }
        long restored = target.count(StoreTable.TRADING_METRICS, chunk.range());
        if (restored != chunk.baselineRows()) {
            throw new MigrationException("restoring the target's rows of " + chunk.describe() + " gave " + restored
                    + " rows, expected " + chunk.baselineRows() + "; is something else writing to the target?");
        }
        return cleared - restored;
    }

    void delete(ChunkState chunk) {
        if (chunk.undoFile().isPresent()) {
            try {
                Files.deleteIfExists(directory.resolve(chunk.undoFile().get()));
            } catch (IOException e) {
                // A leftover file only takes space; the checkpoint no longer refers to it.
            }
        }
    }
}
