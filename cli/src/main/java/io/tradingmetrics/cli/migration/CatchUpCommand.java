package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.StoreCommand;
import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.migration.RangeReplacer;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.TimeRanges;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * {@code metrics catch-up}: after an outage of the secondary longer than the outbox holds (mirroring stopped), brings
 * it back: every range the app's dual store recorded as missed is replaced in the secondary by the primary's rows,
 * while the app keeps writing. History before the outage is not copied again. Running it again is harmless.
 */
@Command(name = "catch-up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Brings the secondary of the dual store that --config names (the app's configuration) back "
                + "after mirroring stopped: copies from the primary what the secondary missed since the instant "
                + "mirroring stopped, without copying history again. The app keeps writing; run it again after a "
                + "failure or kill."})
public final class CatchUpCommand extends StoreCommand {
    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "10000",
            description = "rows per write (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--dry-run", description = "print the ranges to copy; write nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        MigrationCommands.refuseStoreOption(spec);
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw usageError("invalid value for option '--batch-size': " + batchSize + " is out of range; give 1 to"
                    + " 1000000 rows");
        }
        DualPair pair = DualPair.of(configName(), appConfig(), "catch-up");
        try (MirrorState state = DualCommands.state(pair)) {
            long ranges = 0;
            for (StoreTable table : StoreTable.values()) {
                ranges += state.missed(table).size();
            }
            if (ranges == 0) {
                out().println("nothing to catch up: the secondary " + pair.secondary().describe() + " missed nothing"
                        + " (mirroring never stopped, or an earlier catch-up finished)");
                out().flush();
                return 0;
            }
            try (AutoCloseable lease = state.borrowSecondary(DualCommands.LEASE_TIMEOUT);
                 MetricsStore primary = pair.primary().open(OpenMode.READ_ONLY);
                 MetricsStore secondary = dryRun ? pair.secondary().openForDryRun()
                         : pair.secondary().open(OpenMode.MIGRATE)) {
                DualCommands.requireStoresOfState(pair, state, primary, secondary);
                RowSource source = RowSource.of(pair.primary().describe(), primary);
                RangeReplacer replacer = new RangeReplacer(batchSize, CliProgressListener.on(err()));
                for (StoreTable table : StoreTable.values()) {
                    List<TimeRange> missed = state.missed(table);
                    for (TimeRange range : missed) {
                        if (dryRun) {
                            out().printf("%s %s: would replace %,d rows of the secondary by the primary's %,d%n",
                                    table.tableName(), TimeRanges.format(range), secondary.count(table, range),
                                    primary.count(table, range));
                            continue;
                        }
                        RangeReplacer.Result result = replacer.replace(source, secondary, table, range);
                        out().printf("%s %s: %,d rows of the secondary replaced by the primary's %,d%n",
                                table.tableName(), TimeRanges.format(range), result.rowsDeleted(),
                                result.rowsCopied());
                    }
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new MigrationException("giving the secondary back to the app failed: " + e.getMessage(), e);
            }
            out().println(dryRun ? "dry run: nothing written" : "caught up: the secondary "
                    + pair.secondary().describe() + " holds what it missed; check with: metrics verify --config "
                    + configName());
            out().flush();
            return 0;
        }
    }
}
