package io.tradingmetrics.migration.files;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tradingmetrics.migration.Digest;
import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.migration.TimeRanges;
import io.tradingmetrics.migration.internal.DurableFiles;
import io.tradingmetrics.migration.internal.JsonTree;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code manifest.json} of an export: for each file, its table, row count and checksum, so that an import can prove
 * it read every row of every file unchanged. Written last, so an export without a manifest is incomplete.
 *
 * @param sourceId what was exported
 * @param exported when the export finished
 * @param range the exported time range
 * @param files per file name, its table and digest
 */
public record ExportManifest(String sourceId, Instant exported, TimeRange range, Map<String, Entry> files) {
    /** The manifest's file name. */
    public static final String FILE_NAME = "manifest.json";
    private static final int FORMAT = 1;

    /**
     * One exported file.
     *
     * @param table the table it holds
     * @param digest its rows' count and checksum
     */
    public record Entry(StoreTable table, Digest digest) {}

    public ExportManifest {
        files = Map.copyOf(files);
    }

    void write(Path directory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JsonTree.STRICT.createGenerator(bytes).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeNumberField("format", FORMAT);
            json.writeStringField("kind", "tradingmetrics-export");
            json.writeStringField("source", sourceId);
            json.writeStringField("exported", exported.toString());
            json.writeStringField("from", TimeRanges.format(range.from()));
            json.writeStringField("to", TimeRanges.format(range.to()));
            json.writeObjectFieldStart("files");
            for (Map.Entry<String, Entry> file : new java.util.TreeMap<>(files).entrySet()) {
                json.writeObjectFieldStart(file.getKey());
                json.writeStringField("table", file.getValue().table().tableName());
                json.writeNumberField("rows", file.getValue().digest().rows());
                json.writeStringField("checksum", file.getValue().digest().checksumHex());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
        bytes.write('\n');
        try {
            DurableFiles.writeAtomically(directory.resolve(FILE_NAME), bytes.toByteArray());
        } catch (IOException e) {
            throw new MigrationException("cannot write " + directory.resolve(FILE_NAME) + ": " + e.getMessage()
                    + "; check that the directory is writable and the disk not full", e);
        }
    }

    /** @return the manifest in the directory, empty when there is none */
    @SuppressWarnings("unchecked")
    static Optional<ExportManifest> read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> root = (Map<String, Object>) JsonTree.parse(JsonTree.STRICT,
                    Files.readString(file, StandardCharsets.UTF_8));
            if (!"tradingmetrics-export".equals(root.get("kind"))) {
                return Optional.empty();
            }
            Map<String, Entry> files = new LinkedHashMap<>();
            ((Map<String, Object>) root.get("files")).forEach((name, value) -> {
                Map<String, Object> entry = (Map<String, Object>) value;
                files.put(name, new Entry(StoreTable.fromName((String) entry.get("table")),
                        new Digest((Long) entry.get("rows"),
                                HexFormat.fromHexDigitsToLong((String) entry.get("checksum")))));
            });
            return Optional.of(new ExportManifest((String) root.get("source"),
                    Instant.parse((String) root.get("exported")),
                    TimeRange.of(Instant.parse((String) root.get("from")), Instant.parse((String) root.get("to"))),
                    files));
        } catch (IOException | RuntimeException e) {
            throw new MigrationException("the export manifest " + file + " is unreadable (" + e.getMessage()
                    + "); restore it from the export, or remove it to import without checking the files' checksums",
                    e);
        }
    }
}
