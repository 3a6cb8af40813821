package io.tradingmetrics.migration;

import io.tradingmetrics.migration.files.ExportOptions;
import io.tradingmetrics.migration.files.FileFormat;
import io.tradingmetrics.migration.files.StoreExporter;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link PostgresCopyWithoutDuckDbTest}, on a class path without DuckDB: copies one
 * PostgreSQL schema into another with verification, then asks for a Parquet export, which must fail naming the
 * missing module. Prints what happened, one line each.
 *
 * <p>Arguments: source schema, target schema, state directory, export directory.
 */
public final class CopyWithoutDuckDb {
    private CopyWithoutDuckDb() {}

    public static void main(String[] args) {
        try {
            Class.forName("org.duckdb.DuckDBConnection");
            System.out.println("duckdb: on the class path");
        } catch (ClassNotFoundException e) {
            System.out.println("duckdb: absent");
        }
        String source = "timescale:" + args[0];
        String target = "timescale:" + args[1];
        try (MetricsStore from = TestStores.open(source); MetricsStore to = TestStores.open(target)) {
            MigrationReport report = new StoreMigrator(MigrationListener.NONE).migrate(
                    RowSource.of(TestStores.id(source), from), to, TestStores.id(target),
                    MigrationOptions.defaults().withStateDirectory(Path.of(args[2])).withVerify(true));
            System.out.println("copy: " + report.outcome() + ", verified "
                    + report.verification().map(VerificationReport::matches).orElse(false));
            try {
                new StoreExporter(MigrationListener.NONE).export(RowSource.of(TestStores.id(source), from),
                        Path.of(args[3]), new ExportOptions(FileFormat.PARQUET, List.of(StoreTable.values()),
                                TimeRange.all()));
                System.out.println("parquet: exported");
            } catch (MigrationException e) {
                System.out.println("parquet: " + e.getMessage());
            }
        }
    }
}
