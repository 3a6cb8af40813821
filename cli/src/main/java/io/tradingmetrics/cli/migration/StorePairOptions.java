package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --from} and {@code --to}: the two stores a migration or a verification works on. */
final class StorePairOptions {
    @Option(names = "--from", paramLabel = "STORE", description = "the source store")
    String from;

    @Option(names = "--to", paramLabel = "STORE", description = "the target store")
    String to;

    /** A resolved pair of distinct stores. */
    record Pair(StoreSpec source, StoreSpec target) {}

    /** @return whether neither option was given (the commands then work on the configured dual store's two) */
    boolean absent() {
        return from == null && to == null;
    }

    /**
     * @throws picocli.CommandLine.ParameterException when an option is missing or both name the same store
     */
    Pair resolve(CommandSpec spec) {
        if (from == null || to == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give both --from and --to"
                    + (from == null ? " (--from is missing)" : " (--to is missing)") + ", or neither to work on the"
                    + " primary and secondary of the dual store that --config names");
        }
        StoreSpec source = StoreSpec.of(from, MigrationCommands.configFile(spec));
        StoreSpec target = StoreSpec.of(to, MigrationCommands.configFile(spec));
        MigrationCommands.requireDistinct(source, target, spec.commandLine());
        return new Pair(source, target);
    }
}
