package io.tradingmetrics.migration;

import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A checkpoint cannot lie: a migration's target deleted and created again at the same path or URL (a new store
 * instance) is copied into afresh rather than reported as "completed" while empty, and rows missing from a target
 * that the checkpoint records as copied are reported instead of trusted.
 */
class RecreatedTargetTest {
    @TempDir
    Path dir;
    private final RecordingListener listener = new RecordingListener();

    private MigrationReport migrate(String source, MetricsStore from, String target, MetricsStore to) {
        return new StoreMigrator(listener).migrate(RowSource.of(TestStores.id(source), from), to,
                TestStores.id(target), MigrationOptions.defaults().withStateDirectory(dir.resolve("state"))
                        .withBatchSize(500).withChunkRows(2_000));
    }

    private void assertEqualStores(MetricsStore source, MetricsStore target) {
        for (StoreTable table : StoreTable.values()) {
            assertThat(TestRows.digest(target, table)).as(table.tableName()).isEqualTo(TestRows.digest(source, table));
        }
    }

    @Test
    void aDuckDbTargetDeletedAndCreatedAgainIsCopiedIntoAfresh() throws Exception {
        String source = "duckdb:" + dir.resolve("source.duckdb");
        Path targetFile = dir.resolve("target.duckdb");
        String target = "duckdb:" + targetFile;
        try (MetricsStore from = TestStores.open(source)) {
            TestRows.fill(from, 5_000, 100, 10);
            Optional<String> firstInstance;
            try (MetricsStore to = TestStores.open(target)) {
                firstInstance = to.instanceId();
                assertThat(migrate(source, from, target, to).outcome()).isEqualTo(MigrationReport.Outcome.COPIED);
            }
            try (MetricsStore reopened = TestStores.open(target)) {
                assertThat(reopened.instanceId()).as("the same store keeps its id").isEqualTo(firstInstance)
                        .isPresent();
            }
            Files.delete(targetFile);
            Files.deleteIfExists(dir.resolve("target.duckdb.wal"));

            try (MetricsStore recreated = TestStores.open(target)) {
                assertThat(recreated.instanceId()).isPresent().isNotEqualTo(firstInstance);
                MigrationReport again = migrate(source, from, target, recreated);

                assertThat(again.outcome()).isEqualTo(MigrationReport.Outcome.COPIED);
                assertThat(listener.messages).filteredOn(m -> m.contains("deleted and created again")).singleElement()
                        .isEqualTo("the target " + TestStores.id(target) + " is not the store that the checkpoint "
                                + again.plan().checkpointFile() + " was written for (instance " + firstInstance.get()
                                + ", now " + recreated.instanceId().get() + "): it was deleted and created again, so"
                                + " nothing the checkpoint records as copied is in it; starting this migration afresh");
                assertEqualStores(from, recreated);
            }
        }
    }

    @Test
    void aPostgresTargetSchemaDroppedAndCreatedAgainIsCopiedIntoAfresh() throws Exception {
        String source = "duckdb:" + dir.resolve("source.duckdb");
        String schema = TestStores.newSchema();
        String target = "timescale:" + schema;
        try (MetricsStore from = TestStores.open(source)) {
            TestRows.fill(from, 5_000, 100, 10);
            try (MetricsStore to = TestStores.open(target)) {
                assertThat(migrate(source, from, target, to).outcome()).isEqualTo(MigrationReport.Outcome.COPIED);
            }
            TestStores.dropSchema(schema);

            try (MetricsStore recreated = TestStores.open(target)) {
                MigrationReport again = migrate(source, from, target, recreated);

                assertThat(again.outcome()).isEqualTo(MigrationReport.Outcome.COPIED);
                assertThat(listener.messages).filteredOn(m -> m.contains("deleted and created again")).hasSize(1);
                assertEqualStores(from, recreated);
            }
        } finally {
            TestStores.dropSchema(schema);
        }
    }

    @Test
    void rowsDeletedFromATargetAfterTheCopyAreReportedNotTrusted() {
        String source = "duckdb:" + dir.resolve("source.duckdb");
        String target = "duckdb:" + dir.resolve("target.duckdb");
        try (MetricsStore from = TestStores.open(source); MetricsStore to = TestStores.open(target)) {
            TestRows.fill(from, 5_000, 100, 10);
            MigrationReport first = migrate(source, from, target, to);
            ChunkState chunk = first.plan().tables().get(0).chunks().get(0);
            long copied = to.count(StoreTable.TRADING_METRICS, chunk.range());
            to.deleteRange(StoreTable.TRADING_METRICS, chunk.range());

            assertThatThrownBy(() -> migrate(source, from, target, to)).isInstanceOf(MigrationException.class)
                    .hasMessage("the checkpoint " + first.plan().checkpointFile() + " records " + chunk.describe()
                            + " as copied with " + copied + " rows, but the target " + TestStores.id(target)
                            + " holds 0 there: rows were deleted from the target after they were copied (by retention"
                            + " or another program). To copy that range again, move the checkpoint away and clear"
                            + " the range in the target (or append to it)");

            for (StoreTable table : StoreTable.values()) {
                to.deleteRange(table, TimeRange.all());
            }
            MigrationReport again = migrate(source, from, target, to);
            assertThat(again.outcome()).isEqualTo(MigrationReport.Outcome.COPIED);
            assertThat(listener.messages).anySatisfy(m -> assertThat(m).contains("holds none of the rows")
                    .endsWith("it was emptied or created again since; starting this migration afresh"));
            assertEqualStores(from, to);
        }
    }
}
