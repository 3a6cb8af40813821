package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.Optional;

/** What the migration commands share. */
final class MigrationCommands {
    private MigrationCommands() {}

    /** @return the global {@code --config} file, layered under store URLs */
    static Optional<Path> configFile(CommandSpec spec) {
        OptionSpec option = spec.findOption("--config");
        return option == null ? Optional.empty() : Optional.ofNullable(option.getValue());
    }

    /**
     * Refuses the global {@code --store} on a command that names two stores ({@code --from}, {@code --to}), where it
     * would otherwise be silently ignored.
     */
    static void refuseStoreOption(CommandSpec spec) {
        OptionSpec option = spec.findOption("--store");
        if (option != null && option.getValue() != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--store does not apply to '" + spec.name()
                    + "', which names its two stores with --from and --to; leave --store out");
        }
    }

    static void requireDistinct(StoreSpec source, StoreSpec target, CommandLine commandLine) {
        if (source.describe().equals(target.describe())) {
            throw new CommandLine.ParameterException(commandLine, "--from and --to name the same store ("
                    + source.describe() + "); give two different stores");
        }
    }
}
