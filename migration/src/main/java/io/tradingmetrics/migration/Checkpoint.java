package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.StoreTable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The progress of one migration: its key, mode and the state of every chunk. Thread-safe. */
final class Checkpoint {
    private final CheckpointKey key;
    private final boolean append;
    private final StoreInstances instances;
    private final Instant created;
    private final Map<StoreTable, List<ChunkState>> chunks;
    private Optional<Instant> completed;

    Checkpoint(CheckpointKey key, boolean append, StoreInstances instances, Instant created,
               Map<StoreTable, List<ChunkState>> chunks, Optional<Instant> completed) {
        this.key = requireNonNull(key, "key is null");
        this.append = append;
        this.instances = requireNonNull(instances, "instances is null");
        this.created = requireNonNull(created, "created is null");
        this.chunks = new EnumMap<>(StoreTable.class);
        chunks.forEach((table, list) -> this.chunks.put(table, new ArrayList<>(list)));
        this.completed = requireNonNull(completed, "completed is null");
    }

    CheckpointKey key() {
        return key;
    }

    /** @return whether rows already in the target were kept (and so must be restored, not cleared, on resume) */
    boolean append() {
        return append;
    }

    /** @return the instance ids of the stores this checkpoint was written for */
    StoreInstances instances() {
        return instances;
    }

    Instant created() {
        return created;
    }

    synchronized Optional<Instant> completed() {
        return completed;
    }

    synchronized void markComplete(Instant when) {
        completed = Optional.of(when);
    }

    synchronized List<ChunkState> chunks(StoreTable table) {
        return List.copyOf(chunks.getOrDefault(table, List.of()));
    }

    synchronized List<ChunkState> allChunks() {
        List<ChunkState> all = new ArrayList<>();
        chunks.values().forEach(all::addAll);
        return all;
    }

    synchronized void update(ChunkState chunk) {
        chunks.get(chunk.table()).set(chunk.index(), chunk);
    }
}
