package io.tradingmetrics.migration;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tradingmetrics.migration.internal.DurableFiles;
import io.tradingmetrics.migration.internal.JsonTree;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checkpoint on disk: {@code <stem>.json} in the state directory, replaced atomically and durably on every save,
 * and {@code <stem>.lock}, locked while a run works on it so that two runs of one migration cannot interleave
 * (the operating system drops the lock when the process dies, even by kill -9).
 */
final class CheckpointFile implements AutoCloseable {
    /** Format 2 adds the stores' instance ids; format 1 (without them) is still read. */
    private static final int FORMAT = 2;

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private CheckpointFile(Path file, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static Path path(Path stateDirectory, CheckpointKey key) {
        return stateDirectory.resolve(key.fileStem() + ".json");
    }

    /** Takes the migration's lock, creating the state directory when needed. */
    static CheckpointFile lock(Path stateDirectory, CheckpointKey key) {
        Path file = path(stateDirectory, key);
        Path lockFile = stateDirectory.resolve(key.fileStem() + ".lock");
        try {
            Files.createDirectories(stateDirectory);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new MigrationInProgressException("the same migration is running in another process or thread "
                        + "(lock " + lockFile + " is held); wait for it to finish, or stop it and run this again "
                        + "to resume");
            }
            return new CheckpointFile(file, channel, lock);
        } catch (IOException e) {
            throw new MigrationException("cannot use the state directory " + stateDirectory + ": " + e.getMessage()
                    + "; give a writable directory with the state-directory option", e);
        }
    }

    Path file() {
        return file;
    }

    /** @return the checkpoint stored at the path, empty when there is none */
    static Optional<Checkpoint> read(Path file, CheckpointKey expected) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.of(fromJson(JsonTree.parse(JsonTree.STRICT, text), expected, file));
        } catch (IOException | RuntimeException e) {
            if (e instanceof MigrationException migrationException) {
                throw migrationException;
            }
            throw new MigrationException("checkpoint " + file + " is unreadable (" + e.getMessage() + "); it was "
                    + "not written by this program or was edited. Move it away to start this migration afresh "
                    + "(then the target must first be cleared of the rows the earlier run copied)", e);
        }
    }

    /** Replaces the stored checkpoint atomically and durably. */
    synchronized void save(Checkpoint checkpoint) {
        try {
            DurableFiles.writeAtomically(file, toJson(checkpoint));
        } catch (IOException e) {
            throw new MigrationException("cannot write " + file + ": " + e.getMessage()
                    + "; check that the directory is writable and the disk not full", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // The lock goes with the channel or the process; nothing to recover.
        }
    }

    private static byte[] toJson(Checkpoint checkpoint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JsonTree.STRICT.createGenerator(bytes).useDefaultPrettyPrinter()) {
            CheckpointKey key = checkpoint.key();
            json.writeStartObject();
            json.writeNumberField("format", FORMAT);
            json.writeStringField("kind", key.kind());
            json.writeStringField("source", key.sourceId());
            json.writeStringField("target", key.targetId());
            json.writeArrayFieldStart("tables");
            for (StoreTable table : key.tables()) {
                json.writeString(table.tableName());
            }
            json.writeEndArray();
            json.writeStringField("from", TimeRanges.format(key.range().from()));
            json.writeStringField("to", TimeRanges.format(key.range().to()));
            json.writeBooleanField("append", checkpoint.append());
            json.writeStringField("sourceInstance", checkpoint.instances().source().orElse(null));
            json.writeStringField("targetInstance", checkpoint.instances().target().orElse(null));
            json.writeStringField("created", checkpoint.created().toString());
            json.writeStringField("updated", Instant.now().toString());
            json.writeStringField("completed", checkpoint.completed().map(Instant::toString).orElse(null));
            json.writeObjectFieldStart("chunks");
            for (StoreTable table : key.tables()) {
                json.writeArrayFieldStart(table.tableName());
                for (ChunkState chunk : checkpoint.chunks(table)) {
                    json.writeStartObject();
                    json.writeStringField("from", TimeRanges.format(chunk.range().from()));
                    json.writeStringField("to", TimeRanges.format(chunk.range().to()));
                    json.writeNumberField("sourceRows", chunk.sourceRows());
                    json.writeStringField("status", chunk.status().name());
                    json.writeNumberField("copiedRows", chunk.copiedRows());
                    json.writeNumberField("baselineRows", chunk.baselineRows());
                    json.writeStringField("undoFile", chunk.undoFile().orElse(null));
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static Checkpoint fromJson(Object root, CheckpointKey expected, Path file) throws IOException {
        Map<String, Object> object = (Map<String, Object>) root;
        if (!Long.valueOf(FORMAT).equals(object.get("format")) && !Long.valueOf(1).equals(object.get("format"))) {
            throw new IOException("unknown format " + object.get("format"));
        }
        CheckpointKey stored = new CheckpointKey((String) object.get("kind"), (String) object.get("source"),
                (String) object.get("target"),
                ((List<Object>) object.get("tables")).stream().map(t -> StoreTable.fromName((String) t)).toList(),
                TimeRange.of(Instant.parse((String) object.get("from")), Instant.parse((String) object.get("to"))));
        if (!stored.equals(expected)) {
            throw new MigrationException("checkpoint " + file + " belongs to another migration (" + stored
                    + "); move it away");
        }
        Map<String, Object> chunkObject = (Map<String, Object>) object.get("chunks");
        Map<StoreTable, List<ChunkState>> chunks = new EnumMap<>(StoreTable.class);
        for (StoreTable table : stored.tables()) {
            List<ChunkState> states = new ArrayList<>();
            for (Object element : (List<Object>) chunkObject.get(table.tableName())) {
                Map<String, Object> chunk = (Map<String, Object>) element;
                states.add(new ChunkState(table, states.size(),
                        TimeRange.of(Instant.parse((String) chunk.get("from")), Instant.parse((String) chunk.get("to"))),
                        (Long) chunk.get("sourceRows"), ChunkState.Status.valueOf((String) chunk.get("status")),
                        (Long) chunk.get("copiedRows"), (Long) chunk.get("baselineRows"),
                        Optional.ofNullable((String) chunk.get("undoFile"))));
            }
            chunks.put(table, states);
        }
        Optional<Instant> completed = Optional.ofNullable((String) object.get("completed")).map(Instant::parse);
        StoreInstances instances = new StoreInstances(Optional.ofNullable((String) object.get("sourceInstance")),
                Optional.ofNullable((String) object.get("targetInstance")));
        return new Checkpoint(stored, (Boolean) object.get("append"), instances,
                Instant.parse((String) object.get("created")), chunks, completed);
    }
}
