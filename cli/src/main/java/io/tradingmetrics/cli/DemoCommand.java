package io.tradingmetrics.cli;

import io.tradingmetrics.cli.demo.DashboardQueries;
import io.tradingmetrics.cli.demo.DemoBatch;
import io.tradingmetrics.cli.demo.DemoSettings;
import io.tradingmetrics.cli.demo.DemoSymbol;
import io.tradingmetrics.cli.demo.SyntheticTradingData;
import io.tradingmetrics.cli.output.Cells;
import io.tradingmetrics.cli.output.OutputFormat;
import io.tradingmetrics.cli.output.Progress;
import io.tradingmetrics.cli.output.TablePrinter;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** {@code metrics demo}: fills the store with synthetic trading data, then runs the dashboard queries on it. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fills the store with synthetic trading data and runs the dashboard queries on it.",
                "Writes metric points with labels, 1-minute candles and portfolio snapshots, then prints the"
                        + " results and timings of the dashboard queries. The same --seed and --end give the same"
                        + " data.",
                "Says what it will write before it writes. A store that already holds rows is refused unless"
                        + " --reset (delete them first) or --append (add to them) is given."})
final class DemoCommand extends StoreCommand {
    @Option(names = "--points", defaultValue = "1000000", paramLabel = "N",
            description = "rows to write, the three tables together (default: ${DEFAULT-VALUE}): one 1-minute"
                    + " candle per symbol and minute and one snapshot per 5 minutes of --days, the rest metric points")
    long points;

    @Option(names = "--days", defaultValue = "7", paramLabel = "N",
            description = "days of data, ending at --end (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--symbols", defaultValue = "8", paramLabel = "N",
            description = "instruments: BTC-USD, ETH-USD, SOL-USD, AAPL, MSFT, NVDA, AMZN, TSLA, ... (default: ${DEFAULT-VALUE})")
    int symbols;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the random walks (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--end", paramLabel = "TIME",
            description = "when the data ends, rounded down to the minute (default: now)")
    Instant end;

    @Option(names = "--batch-size", defaultValue = "50000", paramLabel = "N",
            description = "rows per table per write (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--reset", description = "delete every row of the three tables first")
    boolean reset;

    @Option(names = "--append", description = "add to the rows already stored: points are added, candles and"
            + " snapshots of the same times replaced")
    boolean append;

    @Option(names = "--no-queries", description = "only write the data, do not run the dashboard queries")
    boolean noQueries;

    @Override
    public Integer call() {
        if (reset && append) {
            throw usageError("give --reset or --append, not both");
        }
        DemoSettings settings = settings();
        SyntheticTradingData data = new SyntheticTradingData(settings);
        PrintWriter out = out();
        try (MetricsStore store = openStore(OpenMode.MIGRATE)) {
            Map<StoreTable, Long> stored = new EnumMap<>(StoreTable.class);
            for (StoreTable table : StoreTable.values()) {
                stored.put(table, store.count(table, TimeRange.all()));
            }
            long storedRows = stored.values().stream().mapToLong(Long::longValue).sum();
            if (storedRows > 0 && !reset && !append) {
                throw usageError("the " + describeStore() + " store already holds " + rows(stored)
                        + "; give --reset to delete them first, or --append to add the demo data to them");
            }
            out.printf(Locale.ROOT, "Demo: writing %s rows: %s metric points, %s 1-minute candles and %s snapshots,"
                            + " for %d symbols over %d days (%s .. %s, seed %d) into the %s store%n",
                    Cells.count(settings.totalRows()), Cells.count(settings.points()),
                    Cells.count(settings.candleCount()), Cells.count(settings.snapshotCount()),
                    settings.symbols().size(), days, settings.start(), settings.end(), seed, describeStore());
            if (storedRows > 0 && reset) {
                out.println("Reset: deleting the " + rows(stored) + " already stored first");
                out.flush();
                long deleted = 0;
                for (StoreTable table : StoreTable.values()) {
                    deleted += store.deleteRange(table, TimeRange.all());
                }
                out.println("Reset: deleted " + Cells.count(deleted) + " rows");
            } else if (storedRows > 0) {
                out.println("Append: adding to the " + rows(stored) + " already stored (candles and snapshots of the"
                        + " same times are replaced)");
            }
            out.flush();
            long nanos = write(store, data);
            out.printf(Locale.ROOT, "Wrote %s rows in %.1f s (%s rows/s)%n%n", Cells.count(settings.totalRows()),
                    nanos / 1e9, Cells.count(Math.round(settings.totalRows() / Math.max(nanos / 1e9, 1e-9))));
            if (!noQueries) {
                new DashboardQueries(store, new TablePrinter(out, OutputFormat.TABLE))
                        .runAll(settings.end(), settings.window(), settings.symbols().get(0).name());
            }
        }
        return 0;
    }

    private static String rows(Map<StoreTable, Long> counts) {
        return Cells.count(counts.get(StoreTable.TRADING_METRICS)) + " metric points, "
                + Cells.count(counts.get(StoreTable.CANDLES)) + " candles and "
                + Cells.count(counts.get(StoreTable.PERFORMANCE_HISTORY)) + " snapshots";
    }

    private long write(MetricsStore store, SyntheticTradingData data) {
        Progress progress = new Progress("demo", data.settings().totalRows(), err(), System.console() != null,
                System::nanoTime);
        for (DemoBatch batch : data) {
            if (!batch.points().isEmpty()) {
                store.insertMetrics(batch.points());
            }
            if (!batch.candles().isEmpty()) {
                store.upsertCandles(batch.candles());
            }
            if (!batch.snapshots().isEmpty()) {
                store.upsertPerformance(batch.snapshots());
            }
            progress.advance(batch.rowCount());
        }
        return progress.finish();
    }

    private DemoSettings settings() {
        if (points < 1) {
            throw usageError("--points must be 1 or more, not " + points);
        }
        if (days < 1 || days > 3_650) {
            throw usageError("--days must be between 1 and 3650, not " + days);
        }
        if (symbols < 1 || symbols > 1_000) {
            throw usageError("--symbols must be between 1 and 1000, not " + symbols);
        }
        if (batchSize < 1) {
            throw usageError("--batch-size must be 1 or more, not " + batchSize);
        }
        Instant until = (end != null ? end : now()).truncatedTo(ChronoUnit.MINUTES);
        Duration window = Duration.ofDays(days);
        long candles = window.toMinutes() * symbols;
        long snapshots = DemoSettings.snapshotCount(window);
        long metricPoints = points - candles - snapshots;
        if (metricPoints < 1) {
            throw usageError("--points " + Cells.count(points) + " cannot hold the " + Cells.count(candles)
                    + " candles and " + Cells.count(snapshots) + " snapshots of " + symbols + " symbols over " + days
                    + " days; give --points " + Cells.count(candles + snapshots + 1) + " or more, fewer --symbols"
                    + " or fewer --days");
        }
        long windowMicros = window.toSeconds() * 1_000_000L;
        long perTick = SyntheticTradingData.pointsPerTick(symbols);
        long ticks = (metricPoints + perTick - 1) / perTick;
        if (ticks > windowMicros) {
            throw usageError(Cells.count(points) + " rows do not fit in " + days + " days; give fewer --points or"
                    + " more --days");
        }
        try {
            return new DemoSettings(metricPoints, window, until, DemoSymbol.first(symbols), seed, batchSize);
        } catch (RuntimeException e) {
            throw usageError(e.getMessage());
        }
    }
}
