package io.tradingmetrics.cli.query;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.cli.output.StoreTables;
import io.tradingmetrics.cli.output.TablePrinter;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.GapFill;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/** {@code metrics query aggregate}: a metric in time buckets. */
@Command(name = "aggregate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Aggregates one metric in time buckets, optionally per symbol and with gaps filled.")
final class AggregateQueryCommand extends StoreCommand {
    @Option(names = "--metric", required = true, paramLabel = "NAME", description = "the metric, for example price")
    String metric;

    @Option(names = "--interval", defaultValue = "1m", paramLabel = "INTERVAL",
            description = "bucket width: 1s, 1m, 5m, 15m, 1h, 4h, 1d, 1w, 1mo (default: ${DEFAULT-VALUE})")
    Interval interval;

    @Option(names = "--agg", defaultValue = "avg", paramLabel = "AGG",
            description = "avg, sum, min, max, count, first, last, p50, p95, p99, stddev (default: ${DEFAULT-VALUE})")
    Aggregation aggregation;

    @Option(names = "--by-symbol", description = "one series per symbol")
    boolean bySymbol;

    @Option(names = "--gap-fill", defaultValue = "none", paramLabel = "MODE",
            description = "empty buckets: none, null, previous, linear (default: ${DEFAULT-VALUE})")
    GapFill gapFill;

    @Mixin
    SeriesOptions series;

    @Mixin
    RangeOptions range;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        AggregationQuery query = new AggregationQuery(metric, range.range(spec.commandLine()), interval, aggregation,
                series.symbol(), series.labels(), bySymbol, gapFill);
        try (MetricsStore store = openStore(OpenMode.READ_ONLY)) {
            List<AggregatedBucket> buckets = store.aggregate(query);
            String agg = aggregation.name().toLowerCase(Locale.ROOT);
            new TablePrinter(out(), format.format).print(StoreTables.buckets(agg + " of " + metric + " per "
                    + interval.label() + (bySymbol ? " and symbol" : "") + ", " + query.range().from() + " to "
                    + query.range().to(), agg, buckets, bySymbol).note(buckets.size() + " buckets"));
        }
        return 0;
    }
}
