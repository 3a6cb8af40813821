package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointFileTest {
    @TempDir
    Path state;

    private final CheckpointKey key = new CheckpointKey("migrate", "jdbc:duckdb:/a.duckdb", "jdbc:duckdb:/b.duckdb",
            List.of(StoreTable.TRADING_METRICS), TimeRange.of(Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2024-02-01T00:00:00Z")));

    @Test
    void savedStateReadsBackAndLeavesNoTemporaryFile() throws Exception {
        TimeRange first = TimeRange.of(key.range().from(), Instant.parse("2024-01-15T00:00:00.000001Z"));
        TimeRange second = TimeRange.of(first.to(), key.range().to());
        StoreInstances instances = new StoreInstances(Optional.empty(), Optional.of("6f1c2a"));
        Checkpoint checkpoint = new Checkpoint(key, true, instances, Instant.parse("2024-05-01T00:00:00Z"),
                Map.of(StoreTable.TRADING_METRICS, List.of(
                        ChunkState.pending(StoreTable.TRADING_METRICS, 0, first, 10).done(10),
                        ChunkState.pending(StoreTable.TRADING_METRICS, 1, second, 7).started(3, Optional.of("u.csv")))),
                Optional.empty());
        try (CheckpointFile file = CheckpointFile.lock(state, key)) {
            file.save(checkpoint);
        }
        Checkpoint read = CheckpointFile.read(CheckpointFile.path(state, key), key).orElseThrow();
        assertThat(read.append()).isTrue();
        assertThat(read.instances()).isEqualTo(instances);
        assertThat(read.chunks(StoreTable.TRADING_METRICS)).isEqualTo(checkpoint.chunks(StoreTable.TRADING_METRICS));
        assertThat(read.completed()).isEmpty();
        try (var files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aSecondRunOfTheSameMigrationIsRefusedWhileTheFirstHoldsTheLock() {
        CheckpointFile first = CheckpointFile.lock(state, key);
        try {
            assertThatThrownBy(() -> CheckpointFile.lock(state, key)).isInstanceOf(MigrationInProgressException.class)
                    .hasMessageContaining("running");
        } finally {
            first.close();
        }
        CheckpointFile.lock(state, key).close();
    }

    @Test
    void anotherTargetIsAnotherMigration() {
        CheckpointKey other = new CheckpointKey("migrate", key.sourceId(), "jdbc:duckdb:/c.duckdb", key.tables(),
                key.range());
        assertThat(other.fileStem()).isNotEqualTo(key.fileStem());
    }

    @Test
    void aDamagedCheckpointIsReportedWithTheWayOut() throws Exception {
        Files.writeString(CheckpointFile.path(state, key), "{\"format\": 1, \"kind\": ");
        assertThatThrownBy(() -> CheckpointFile.read(CheckpointFile.path(state, key), key))
                .isInstanceOf(MigrationException.class).hasMessageContaining("unreadable")
                .hasMessageContaining("Move it away");
    }
}
