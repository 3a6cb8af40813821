package io.tradingmetrics.cli.schema;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.storage.api.MetricsStore;
import picocli.CommandLine.Command;

import java.util.Map;

/** {@code metrics schema info}: the schema's version and history, changing nothing. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Prints the schema's current and latest version and its migration history, changing nothing.")
final class SchemaInfoCommand extends StoreCommand {
    @Override
    public Integer call() {
        try (MetricsStore store = openStore(Map.of(MIGRATE_ON_START, false))) {
            SchemaPrinter.print(out(), describeStore(), store.schemaInfo());
        }
        return 0;
    }
}
