package io.tradingmetrics.cli;

import io.tradingmetrics.cli.output.OutputFormat;
import io.tradingmetrics.config.ConfigRedaction;
import io.tradingmetrics.cli.output.StoreTables;
import io.tradingmetrics.cli.output.TablePrinter;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code metrics stats}: the size of each table and whether the store answers. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Prints each table's rows, first and last timestamp and size, then the store's health.")
final class StatsCommand extends StoreCommand {
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, csv or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Override
    public Integer call() {
        try (MetricsStore store = openStore(OpenMode.READ_ONLY)) {
            new TablePrinter(out(), format).print(StoreTables.stats("Table stats of " + describeStore(),
                    store.stats()));
            StoreHealth health = store.health();
            if (format == OutputFormat.TABLE) {
                out().println(healthLine(health));
            }
            out().flush();
            return health.healthy() ? 0 : ExitCodes.FAILURE;
        }
    }

    static String healthLine(StoreHealth health) {
        Map<String, String> details = new TreeMap<>(health.details());
        return ConfigRedaction.redactUrl("health: " + (health.healthy() ? "ok" : "FAILING") + " (" + health.backend() + ") " + health.message()
                + (details.isEmpty() ? "" : "; " + details.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "))));
    }
}
