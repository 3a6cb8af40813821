package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --from} and {@code --to}: the two stores a migration or a verification works on. */
final class StorePairOptions {
    @Option(names = "--from", required = true, paramLabel = "STORE", description = "the source store")
    String from;

    @Option(names = "--to", required = true, paramLabel = "STORE", description = "the target store")
    String to;

    /** A resolved pair of distinct stores. */
    record Pair(StoreSpec source, StoreSpec target) {}

    /** @throws picocli.CommandLine.ParameterException when both options name the same store */
    Pair resolve(CommandSpec spec) {
        StoreSpec source = StoreSpec.of(from, MigrationCommands.configFile(spec));
        StoreSpec target = StoreSpec.of(to, MigrationCommands.configFile(spec));
        MigrationCommands.requireDistinct(source, target, spec.commandLine());
        return new Pair(source, target);
    }
}
