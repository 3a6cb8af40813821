package io.tradingmetrics.cli.query;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.cli.output.StoreTables;
import io.tradingmetrics.cli.output.TablePrinter;
import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code metrics query latest}: the newest point of every series. */
@Command(name = "latest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints the newest point of every (metric, symbol) series.")
final class LatestQueryCommand extends StoreCommand {
    @Option(names = "--metric", paramLabel = "NAME", description = "only this metric (repeatable; default: all)")
    Set<String> metrics = new LinkedHashSet<>();

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "only this symbol")
    String symbol;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        try (MetricsStore store = openStore(OpenMode.READ_ONLY)) {
            List<MetricPoint> latest = store.latest(new LatestQuery(metrics, Optional.ofNullable(symbol)));
            new TablePrinter(out(), format.format).print(StoreTables.points("Latest value per series", latest)
                    .note(latest.size() + " series"));
        }
        return 0;
    }
}
