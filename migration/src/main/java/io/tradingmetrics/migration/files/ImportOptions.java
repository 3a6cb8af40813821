package io.tradingmetrics.migration.files;

import io.tradingmetrics.migration.MigrationOptions;
import io.tradingmetrics.storage.api.StoreTable;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What to import and how.
 *
 * @param table the table of a single file whose name is not a table's name
 * @param migration how the checked rows are copied into the target (tables: which tables of a directory to import;
 *                  range: which rows; append, batch size, parallelism, verification, state directory)
 */
public record ImportOptions(Optional<StoreTable> table, MigrationOptions migration) {
    public ImportOptions {
        requireNonNull(table, "table is null");
        requireNonNull(migration, "migration is null");
    }

    /** Tables from file names, every row, default migration options. */
    public static ImportOptions defaults() {
        return new ImportOptions(Optional.empty(), MigrationOptions.defaults());
    }

    public ImportOptions withTable(StoreTable newTable) {
        return new ImportOptions(Optional.of(newTable), migration);
    }

    public ImportOptions withMigration(MigrationOptions newMigration) {
        return new ImportOptions(table, newMigration);
    }
}
