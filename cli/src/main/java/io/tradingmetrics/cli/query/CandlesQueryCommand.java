package io.tradingmetrics.cli.query;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.cli.output.StoreTables;
import io.tradingmetrics.cli.output.TablePrinter;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.CandleQuery;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.TimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;

/** {@code metrics query candles}: stored candles, rolled up, or built from price points. */
@Command(name = "candles", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints OHLCV candles: as stored; rolled up to a coarser --interval; or, with",
                "--from-metric, built from raw price points (and --volume-metric points)."})
final class CandlesQueryCommand extends StoreCommand {
    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "only this symbol")
    String symbol;

    @Option(names = "--interval", paramLabel = "INTERVAL",
            description = "roll stored candles up to this width (1m, 5m, 15m, 1h, 4h, 1d, 1w, 1mo);"
                    + " the width of candles built with --from-metric (default 1m)")
    Interval interval;

    @Option(names = "--from-metric", paramLabel = "NAME", description = "build candles from this price metric")
    String priceMetric;

    @Option(names = "--volume-metric", paramLabel = "NAME",
            description = "with --from-metric: the metric of traded volumes (default: count the price points)")
    String volumeMetric;

    @Mixin
    RangeOptions range;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        if (volumeMetric != null && priceMetric == null) {
            throw usageError("--volume-metric needs --from-metric");
        }
        TimeRange timeRange = range.range(spec.commandLine());
        try (MetricsStore store = openStore(OpenMode.READ_ONLY)) {
            List<Candle> candles;
            String title;
            if (priceMetric != null) {
                Interval width = interval != null ? interval : Interval.MINUTE_1;
                candles = store.candlesFromMetrics(new MetricCandleQuery(priceMetric, Optional.ofNullable(volumeMetric),
                        timeRange, width, Optional.ofNullable(symbol)));
                title = width.label() + " candles built from " + priceMetric + " points";
            } else if (interval != null) {
                candles = store.rollUpCandles(new CandleQuery(timeRange, Optional.ofNullable(symbol)), interval);
                title = "Stored candles rolled up to " + interval.label();
            } else {
                candles = store.candles(new CandleQuery(timeRange, Optional.ofNullable(symbol)));
                title = "Stored candles";
            }
            new TablePrinter(out(), format.format).print(StoreTables.candles(title + ", " + timeRange.from() + " to "
                    + timeRange.to(), candles).note(candles.size() + " candles"));
        }
        return 0;
    }
}
