package io.tradingmetrics.migration;

import io.tradingmetrics.migration.files.BadImportRowException;
import io.tradingmetrics.migration.files.ExportOptions;
import io.tradingmetrics.migration.files.ExportReport;
import io.tradingmetrics.migration.files.FileFormat;
import io.tradingmetrics.migration.files.ImportOptions;
import io.tradingmetrics.migration.files.ImportReport;
import io.tradingmetrics.migration.files.StoreExporter;
import io.tradingmetrics.migration.files.StoreImporter;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backups: a store exported to files per table and imported into another store gives an equal store. */
class ExportImportTest {
    @TempDir
    Path dir;
    private MetricsStore source;
    private RowSource sourceRows;
    private final List<MetricsStore> opened = new ArrayList<>();

    @BeforeEach
    void fillSource() {
        source = TestStores.duckDb(dir.resolve("source.duckdb"));
        sourceRows = RowSource.of(TestStores.duckDbId(dir.resolve("source.duckdb")), source);
        TestRows.fill(source, 12_000, 300, 30);
        TestRows.fillEdges(source);
    }

    @AfterEach
    void close() {
        source.close();
        opened.forEach(MetricsStore::close);
    }

    private MetricsStore duckDb(String name) {
        MetricsStore store = TestStores.duckDb(dir.resolve(name + ".duckdb"));
        opened.add(store);
        return store;
    }

    private ImportOptions importOptions() {
        return ImportOptions.defaults().withMigration(MigrationOptions.defaults()
                .withStateDirectory(dir.resolve("state")).withBatchSize(1_000).withChunkRows(3_000).withVerify(true));
    }

    private ExportReport export(FileFormat format, Path into) {
        return new StoreExporter(MigrationListener.NONE).export(sourceRows, into,
                ExportOptions.defaults().withFormat(format));
    }

    private void assertEqualToSource(MetricsStore imported, String importedId) {
        VerificationReport verification = new Verifier(MigrationListener.NONE).verify(sourceRows,
                RowSource.of(importedId, imported), VerifyOptions.defaults());
        assertThat(verification.matches()).as(verification.summary()).isTrue();
    }

    @Test
    void parquetExportThenImportGivesAnEqualStore() throws Exception {
        Path backup = dir.resolve("backup");
        ExportReport exported = export(FileFormat.PARQUET, backup);

        assertThat(exported.files()).extracting(f -> f.file().getFileName().toString())
                .containsExactly("trading_metrics.parquet", "candles.parquet", "performance_history.parquet");
        assertThat(exported.rows()).isEqualTo(12_000 + 300 + 30 + TestRows.edgeMetrics().size()
                + TestRows.edgeCandles().size() + TestRows.edgeSnapshots().size());
        assertThat(backup.resolve("manifest.json")).exists();
        try (var files = Files.list(backup)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no scratch or partial file is left")
                    .containsExactlyInAnyOrder("trading_metrics.parquet", "candles.parquet",
                            "performance_history.parquet", "manifest.json");
        }

        MetricsStore restored = duckDb("restored");
        ImportReport imported = new StoreImporter(MigrationListener.NONE).importFiles(List.of(backup), restored,
                TestStores.duckDbId(dir.resolve("restored.duckdb")), importOptions());

        assertThat(imported.files()).hasSize(3).allMatch(ImportReport.ImportedFile::manifestChecked);
        assertThat(imported.succeeded()).as(imported.summary()).isTrue();
        assertEqualToSource(restored, "restored");
    }

    @Test
    void csvExportThenImportGivesAnEqualStoreAndTheFilesAreReadableCsv() throws Exception {
        Path backup = dir.resolve("backup");
        export(FileFormat.CSV, backup);

        List<String> lines = Files.readAllLines(backup.resolve("trading_metrics.csv"));
        assertThat(lines.get(0)).isEqualTo("timestamp,metric_name,value,symbol,labels");
        assertThat(lines).anyMatch(l -> l.startsWith("2024-03-01T12:34:56.789012Z,negative zero,-0.0,,{}"));
        assertThat(lines).anyMatch(l -> l.equals("2024-03-01T12:34:56.789012Z,nan,NaN,BTC,{}"));
        assertThat(lines).anyMatch(l -> l.equals("2024-03-01T12:34:56.789012Z,empty symbol,1.0,\"\",{}"));
        assertThat(lines).anyMatch(l -> l.startsWith("0001-01-01T00:00:00.000000Z,first instant,1.0,,"
                + "\"{\"\"k\"\":\"\"v\"\"}\""));

        MetricsStore restored = duckDb("restored");
        ImportReport imported = new StoreImporter(MigrationListener.NONE).importFiles(List.of(backup), restored,
                TestStores.duckDbId(dir.resolve("restored.duckdb")), importOptions());

        assertThat(imported.succeeded()).as(imported.summary()).isTrue();
        assertEqualToSource(restored, "restored");

        // The same import again copies nothing, and without verification does not even read the files.
        ImportOptions noVerify = importOptions().withMigration(importOptions().migration().withVerify(false));
        ImportReport again = new StoreImporter(MigrationListener.NONE).importFiles(List.of(backup), restored,
                TestStores.duckDbId(dir.resolve("restored.duckdb")), noVerify);
        assertThat(again.migration().outcome()).isEqualTo(MigrationReport.Outcome.ALREADY_COMPLETE);
        assertThat(again.files()).isEmpty();
        assertEqualToSource(restored, "restored");
    }

    @Test
    void aParquetBackupImportsIntoTimescale() throws Exception {
        Path backup = dir.resolve("backup");
        export(FileFormat.PARQUET, backup);
        String schema = TestStores.newSchema();
        try (MetricsStore timescale = TestStores.timescale(schema)) {
            ImportReport imported = new StoreImporter(MigrationListener.NONE).importFiles(List.of(backup), timescale,
                    TestStores.timescaleId(schema), importOptions());
            assertThat(imported.succeeded()).as(imported.summary()).isTrue();
            assertEqualToSource(timescale, "timescale");
        } finally {
            TestStores.dropSchema(schema);
        }
    }

    @Test
    void aFileChangedAfterTheExportIsRefusedByItsManifestAndNothingIsWritten() throws Exception {
        Path backup = dir.resolve("backup");
        export(FileFormat.CSV, backup);
        Path metrics = backup.resolve("trading_metrics.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
        lines.remove(lines.size() - 1);
        Files.write(metrics, lines);

        MetricsStore restored = duckDb("restored");
        assertThatThrownBy(() -> new StoreImporter(MigrationListener.NONE).importFiles(List.of(backup), restored,
                "restored", importOptions()))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("trading_metrics.csv holds")
                .hasMessageContaining("export manifest lists")
                .hasMessageContaining("incomplete or was changed");
        for (StoreTable table : StoreTable.values()) {
            assertThat(restored.count(table, TimeRange.all())).isZero();
        }
    }

    @Test
    void aBadRowStopsTheImportNamingFileLineAndColumnWithNothingWritten() throws Exception {
        Path backup = dir.resolve("backup");
        export(FileFormat.CSV, backup);
        Files.delete(backup.resolve("manifest.json"));
        Path metrics = backup.resolve("trading_metrics.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
        lines.set(5000, lines.get(5000).replaceFirst(",[^,]*,([^,]*),", ",price,12..5,"));
        Files.write(metrics, lines);

        MetricsStore restored = duckDb("restored");
        assertThatThrownBy(() -> new StoreImporter(MigrationListener.NONE).importFiles(List.of(backup), restored,
                "restored", importOptions()))
                .isInstanceOfSatisfying(BadImportRowException.class, e -> {
                    assertThat(e.file()).isEqualTo("trading_metrics.csv");
                    assertThat(e.line()).isEqualTo(5001);
                    assertThat(e.column()).isEqualTo("value");
                })
                .hasMessageContaining("trading_metrics.csv line 5001, column value: '12..5' is not a number")
                .hasMessageContaining("nothing was imported");
        for (StoreTable table : StoreTable.values()) {
            assertThat(restored.count(table, TimeRange.all())).as(table.tableName()).isZero();
        }
    }

    @Test
    void anExportDoesNotOverwriteAnEarlierOne() {
        Path backup = dir.resolve("backup");
        export(FileFormat.PARQUET, backup);
        assertThatThrownBy(() -> export(FileFormat.PARQUET, backup))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("already holds")
                .hasMessageContaining("trading_metrics.parquet")
                .hasMessageContaining("empty directory");
    }
}
