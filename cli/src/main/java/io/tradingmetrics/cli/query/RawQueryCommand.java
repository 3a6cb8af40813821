package io.tradingmetrics.cli.query;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.cli.output.StoreTables;
import io.tradingmetrics.cli.output.TablePrinter;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code metrics query raw}: the points of one metric in a range, newest first. */
@Command(name = "raw", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints the points of one metric in a time range, newest first.")
final class RawQueryCommand extends StoreCommand {
    @Option(names = "--metric", required = true, paramLabel = "NAME", description = "the metric, for example price")
    String metric;

    @Mixin
    SeriesOptions series;

    @Mixin
    RangeOptions range;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
            description = "the most points to print (default: ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw usageError("--limit must be 1 or more, not " + limit);
        }
        MetricQuery query = new MetricQuery(metric, range.range(spec.commandLine()), series.symbol(), series.labels(),
                limit);
        try (MetricsStore store = openStore(OpenMode.READ_ONLY)) {
            List<MetricPoint> points = store.queryMetrics(query);
            new TablePrinter(out(), format.format).print(StoreTables.points(metric + " from " + query.range().from()
                    + " to " + query.range().to() + ", newest first", points)
                    .note(points.size() + (points.size() == limit ? " points (the limit; raise --limit for more)"
                            : " points")));
        }
        return 0;
    }
}
