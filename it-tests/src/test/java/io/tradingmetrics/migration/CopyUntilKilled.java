package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a child JVM by {@link KillAndResumeTest}: copies one store into another and, once some chunks are
 * done and a further batch is written (so that a chunk is half-written), writes a marker file and stalls every
 * worker, waiting to be killed.
 *
 * <p>Arguments: source and target as {@code duckdb:PATH} or {@code timescale:SCHEMA}, state directory, marker file,
 * append (true/false).
 */
public final class CopyUntilKilled {
    static final int CHUNKS_BEFORE_STALL = 3;

    private CopyUntilKilled() {}

    public static void main(String[] args) throws Exception {
        String source = args[0];
        String target = args[1];
        Path state = Path.of(args[2]);
        Path marker = Path.of(args[3]);
        boolean append = Boolean.parseBoolean(args[4]);
        AtomicInteger chunksDone = new AtomicInteger();
        MigrationListener stallMidChunk = new MigrationListener() {
            @Override
            public void chunkDone(MigrationPhase phase, ChunkState chunk) {
                chunksDone.incrementAndGet();
            }

            @Override
            public void rowsDone(MigrationPhase phase, StoreTable table, long rows) {
                if (chunksDone.get() >= CHUNKS_BEFORE_STALL) {
                    try {
                        Files.writeString(marker, "half-written");
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        try (MetricsStore from = TestStores.open(source); MetricsStore to = TestStores.open(target)) {
            new StoreMigrator(stallMidChunk).migrate(RowSource.of(TestStores.id(source), from), to,
                    TestStores.id(target), KillAndResumeTest.options(state).withAppend(append));
        }
        System.err.println("the copy finished although it should have stalled");
        System.exit(3);
    }
}
