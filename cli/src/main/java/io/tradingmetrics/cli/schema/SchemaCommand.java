package io.tradingmetrics.cli.schema;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code metrics schema}: the store's schema version and its migrations. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Shows, migrates or validates the store's schema.",
        subcommands = {
                SchemaInfoCommand.class,
                SchemaMigrateCommand.class,
                SchemaValidateCommand.class,
        })
public final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a schema command: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
