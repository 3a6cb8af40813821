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

    static void requireDistinct(StoreSpec source, StoreSpec target, CommandLine commandLine) {
        if (source.describe().equals(target.describe())) {
            throw new CommandLine.ParameterException(commandLine, "--from and --to name the same store ("
                    + source.describe() + "); give two different stores");
        }
    }
}
