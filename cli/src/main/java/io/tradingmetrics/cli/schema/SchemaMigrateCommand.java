package io.tradingmetrics.cli.schema;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;

/** {@code metrics schema migrate}: brings the schema up to date. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Creates the store if needed and brings its schema up to date, adopting a database of the older system.")
final class SchemaMigrateCommand extends StoreCommand {
    @Override
    public Integer call() {
        try (MetricsStore store = openStore(OpenMode.MIGRATE)) {
            SchemaPrinter.print(out(), describeStore(), store.schemaInfo());
        }
        return 0;
    }
}
