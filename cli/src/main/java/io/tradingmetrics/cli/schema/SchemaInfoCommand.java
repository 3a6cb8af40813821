package io.tradingmetrics.cli.schema;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;

/** {@code metrics schema info}: the schema's version and history, changing nothing. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Prints the schema's current and latest version and its migration history, changing nothing",
                "(opens the store for reading only; a database of the older system shows as not adopted)."})
final class SchemaInfoCommand extends StoreCommand {
    @Override
    public Integer call() {
        try (MetricsStore store = openStore(OpenMode.READ_ONLY)) {
            SchemaPrinter.print(out(), describeStore(), store.schemaInfo());
        }
        return 0;
    }
}
