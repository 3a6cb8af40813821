package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.StoreTable;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Keeps what a migration told its listener, for assertions. */
final class RecordingListener implements MigrationListener {
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<ChunkState> chunksDone = new CopyOnWriteArrayList<>();
    final AtomicLong rowsCopied = new AtomicLong();

    @Override
    public void rowsDone(MigrationPhase phase, StoreTable table, long rows) {
        if (phase == MigrationPhase.COPY) {
            rowsCopied.addAndGet(rows);
        }
    }

    @Override
    public void chunkDone(MigrationPhase phase, ChunkState chunk) {
        chunksDone.add(chunk);
    }

    @Override
    public void info(String message) {
        messages.add(message);
    }
}
