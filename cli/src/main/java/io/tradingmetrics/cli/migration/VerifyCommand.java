package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.cli.StoreSpec;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.VerificationReport;
import io.tradingmetrics.migration.Verifier;
import io.tradingmetrics.migration.VerifyOptions;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code metrics verify}: proves two stores hold the same rows, or names where they differ. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares two stores table by table and chunk by chunk: row counts and order-independent "
                + "checksums of every value. Names the first differing chunks, narrowed down, with rows that only "
                + "one side holds."},
        footer = {"", "STORE is a JDBC URL or a HOCON file selecting a store. Exit code 0 means the stores match, 1 "
                + "that they differ."})
public final class VerifyCommand extends StoreCommand {
    @Mixin
    StorePairOptions stores;

    @Mixin
    ScopeOptions scope;

    @Mixin
    ChunkOptions chunks;

    @Override
    public Integer call() {
        MigrationCommands.refuseStoreOption(spec);
        VerifyOptions options = chunks.applyTo(VerifyOptions.defaults().withTables(scope.tables())
                .withRange(scope.range(spec.commandLine())));
        StorePairOptions.Pair pair = stores.resolve(spec);
        StoreSpec source = pair.source();
        StoreSpec target = pair.target();
        try (MetricsStore sourceStore = source.open(OpenMode.READ_ONLY);
             MetricsStore targetStore = target.open(OpenMode.READ_ONLY)) {
            VerificationReport report = new Verifier(CliProgressListener.on(err())).verify(
                    RowSource.of(source.describe(), sourceStore), RowSource.of(target.describe(), targetStore),
                    options);
            out().println(report.summary());
            out().flush();
            return report.matches() ? 0 : 1;
        }
    }
}
