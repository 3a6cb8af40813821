package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.cli.StoreSpec;
import io.tradingmetrics.migration.MigrationOptions;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.VerificationReport;
import io.tradingmetrics.migration.Verifier;
import io.tradingmetrics.migration.VerifyOptions;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code metrics verify}: proves two stores hold the same rows, or names where they differ. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares two stores table by table and chunk by chunk: row counts and order-independent "
                + "checksums of every value. Names the first differing chunks, narrowed down, with rows that only "
                + "one side holds."},
        footer = {"", "STORE is a JDBC URL or a HOCON file selecting a store.",
                "Exit codes: 0 the stores match, 1 they differ or a failure, 2 bad usage."})
public final class VerifyCommand extends StoreCommand {
    @Mixin
    StorePairOptions stores;

    @Mixin
    ScopeOptions scope;

    @Option(names = "--chunk-rows", paramLabel = "ROWS", defaultValue = "" + MigrationOptions.DEFAULT_CHUNK_ROWS,
            description = "source rows per compared chunk (default: ${DEFAULT-VALUE})")
    long chunkRows;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + MigrationOptions.DEFAULT_PARALLELISM,
            description = "chunks compared at once (default: ${DEFAULT-VALUE})")
    int parallel;

    @Override
    public Integer call() {
        StorePairOptions.Pair pair = stores.resolve(spec);
        StoreSpec source = pair.source();
        StoreSpec target = pair.target();
        VerifyOptions options = new VerifyOptions(scope.tables(), scope.range(spec.commandLine()), chunkRows,
                parallel);
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
