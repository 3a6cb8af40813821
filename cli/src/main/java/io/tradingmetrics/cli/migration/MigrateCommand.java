package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.cli.StoreSpec;
import io.tradingmetrics.migration.MigrationOptions;
import io.tradingmetrics.migration.MigrationReport;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.StoreMigrator;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code metrics migrate}: copies tables between any two stores, resumably, exactly once. */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copies tables from one store to another in checkpointed chunks. Run the same command again "
                + "after a failure or kill to resume; finished chunks are skipped, an unfinished one is cleared in "
                + "the target and copied again. A target that already holds rows in the tables and range is "
                + "refused unless --append."},
        footer = {"", "STORE is a JDBC URL (jdbc:duckdb:data/metrics.duckdb, jdbc:postgresql://host/db?user=u, "
                + "postgresql://user@host/db) or a HOCON file selecting a store. With --verify, exit code 1 also means "
                + "that the copy differs from the source."})
public final class MigrateCommand extends StoreCommand {
    @Mixin
    StorePairOptions stores;

    @Mixin
    ScopeOptions scope;

    @Mixin
    CopySizeOptions sizes;

    @Option(names = "--dry-run", description = "print the plan and the target's state; write nothing")
    boolean dryRun;

    @Option(names = "--append", description = "copy although the target holds rows in the tables and range")
    boolean append;

    @Option(names = "--verify", description = "compare source and target chunk by chunk after copying")
    boolean verify;

    @Option(names = "--backfill", description = "copy into the secondary of the dual store that --config names (the"
            + " app's configuration) the primary's rows from before mirroring began, and those written late before"
            + " it; the app keeps writing. Takes no --from, --to, --since, --until or --append")
    boolean backfill;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "where checkpoints are kept (default: ~/.local/state/tradingmetrics/migrations)")
    Path stateDir;

    @Override
    public Integer call() {
        MigrationCommands.refuseStoreOption(spec);
        MigrationOptions options = sizes.applyTo(MigrationOptions.defaults()
                .withTables(scope.tables()).withRange(scope.range(spec.commandLine()))
                .withDryRun(dryRun).withAppend(append).withVerify(verify)
                .withStateDirectory(stateDir != null ? stateDir : MigrationOptions.defaultStateDirectory()));
        if (backfill) {
            return backfill(options);
        }
        StorePairOptions.Pair pair = stores.resolve(spec);
        StoreSpec source = pair.source();
        StoreSpec target = pair.target();
        try (MetricsStore sourceStore = source.open(OpenMode.READ_ONLY);
             MetricsStore targetStore = dryRun ? target.openForDryRun() : target.open(OpenMode.MIGRATE)) {
            MigrationReport report = new StoreMigrator(CliProgressListener.on(err())).migrate(
                    RowSource.of(source.describe(), sourceStore), targetStore, target.describe(), options);
            out().println(report.summary());
            out().flush();
            return report.succeeded() ? 0 : 1;
        }
    }

    private int backfill(MigrationOptions options) {
        if (!stores.absent() || scope.since != null || scope.until != null || append || verify) {
            throw usageError("--backfill takes its stores from --config (the dual store's primary and secondary) and"
                    + " its range from the dual store's state; leave out --from, --to, --since, --until, --append"
                    + " and --verify (run 'metrics verify --config FILE' afterwards)");
        }
        DualPair pair = DualPair.of(configName(), appConfig(), "migrate --backfill");
        return new Backfill(pair, CliProgressListener.on(err()), out()).run(options) ? 0 : 1;
    }
}
