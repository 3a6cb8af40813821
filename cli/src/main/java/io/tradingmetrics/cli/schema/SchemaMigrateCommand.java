package io.tradingmetrics.cli.schema;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.storage.api.MetricsStore;
import picocli.CommandLine.Command;

import java.util.Map;

/** {@code metrics schema migrate}: brings the schema up to date. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Brings the schema up to date (opens the store with migrate-on-start = true).")
final class SchemaMigrateCommand extends StoreCommand {
    @Override
    public Integer call() {
        try (MetricsStore store = openStore(Map.of(MIGRATE_ON_START, true))) {
            SchemaPrinter.print(out(), describeStore(), store.schemaInfo());
        }
        return 0;
    }
}
