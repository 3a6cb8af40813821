package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.cli.StoreSpec;
import io.tradingmetrics.migration.MigrationOptions;
import io.tradingmetrics.migration.files.ImportOptions;
import io.tradingmetrics.migration.files.ImportReport;
import io.tradingmetrics.migration.files.StoreImporter;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code metrics import}: loads table files into the store, checked first, then copied resumably. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Loads table files into the store of --store or --config: this program's exports (Parquet or "
                + "CSV), psql \\copy ... CSV HEADER output and pandas to_csv output of the older system's tables. "
                + "Every row is read and checked before anything is written; a bad row is reported with file, line "
                + "and column, and nothing is imported. The target must hold no rows in the tables and range, "
                + "unless --append. Run the same command again to resume an interrupted import."})
public final class ImportCommand extends StoreCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--dir", paramLabel = "DIR",
                description = "a directory of files named after their tables (trading_metrics.csv, candles.parquet, ...)")
        Path directory;

        @Option(names = "--file", paramLabel = "FILE", description = "one file (repeatable)")
        List<Path> files;
    }

    @Option(names = "--table", paramLabel = "TABLE",
            description = "the table of a --file whose name is not the table's name")
    StoreTable table;

    @Mixin
    ScopeOptions scope;

    @Option(names = "--append", description = "import although the store holds rows in the tables and range")
    boolean append;

    @Option(names = "--verify", description = "compare the store with the files after importing")
    boolean verify;

    @Option(names = "--dry-run", description = "read and check the files and print the plan; write nothing")
    boolean dryRun;

    @Mixin
    CopySizeOptions sizes;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "where checkpoints and the staging file are kept "
                    + "(default: ~/.local/state/tradingmetrics/migrations)")
    Path stateDir;

    @Override
    public Integer call() {
        List<Path> inputs = input.directory != null ? List.of(input.directory) : input.files;
        if (table != null && (input.files == null || input.files.size() != 1)) {
            throw usageError("--table names the table of a single --file");
        }
        MigrationOptions migration = sizes.applyTo(MigrationOptions.defaults()
                .withTables(scope.tables()).withRange(scope.range(spec.commandLine()))
                .withAppend(append).withVerify(verify).withDryRun(dryRun)
                .withStateDirectory(stateDir != null ? stateDir : MigrationOptions.defaultStateDirectory()));
        ImportOptions options = new ImportOptions(Optional.ofNullable(table), migration);
        StoreSpec store = selectedStore();
        announce(store);
        try (MetricsStore target = dryRun ? store.openForDryRun() : store.open(OpenMode.MIGRATE)) {
            ImportReport report = new StoreImporter(CliProgressListener.on(err())).importFiles(inputs, target,
                    store.describe(), options);
            out().println(report.summary());
            out().flush();
            return report.succeeded() ? 0 : 1;
        }
    }
}
