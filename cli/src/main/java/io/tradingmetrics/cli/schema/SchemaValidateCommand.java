package io.tradingmetrics.cli.schema;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.SchemaInfo;
import picocli.CommandLine.Command;

/** {@code metrics schema validate}: whether the schema is up to date, changing nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks that the schema is up to date, changing nothing (opens the store for reading only).",
                "Exit code 0 when it is, 1 when migrations are pending or do not match."})
final class SchemaValidateCommand extends StoreCommand {
    @Override
    public Integer call() {
        try (MetricsStore store = openStore(OpenMode.VALIDATE)) {
            SchemaInfo info = store.schemaInfo();
            if (info.isUpToDate()) {
                out().println("schema is up to date at version " + info.currentVersion() + " (" + describeStore() + ")");
                out().flush();
                return 0;
            }
            err().println("metrics: the schema of " + describeStore() + " is at version "
                    + info.currentVersion() + " but this version of the code needs " + info.latestVersion()
                    + "; run 'metrics schema migrate'");
            err().flush();
            return 1;
        }
    }
}
