package io.tradingmetrics.cli.migration;

import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.migration.MigrationListener;
import io.tradingmetrics.migration.MigrationOptions;
import io.tradingmetrics.migration.MigrationReport;
import io.tradingmetrics.migration.RangeReplacer;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.StoreMigrator;
import io.tradingmetrics.migration.TargetNotEmptyException;
import io.tradingmetrics.migration.TimeRanges;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;
import io.tradingmetrics.storage.api.Timestamps;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code migrate --backfill}: copies into the secondary of an app's dual store exactly the primary's rows that
 * mirroring did not bring, while the app keeps writing. Per table, that is every row before the instant mirroring
 * began (B), copied in checkpointed chunks as any migration (a run killed at any moment resumes with the same
 * command), then every range before B that the app wrote into after B (late writes), replaced whole in the secondary
 * by the primary's rows. The app lends the secondary for the duration ({@link MirrorState#borrowSecondary}) and
 * queues its mirrored writes meanwhile.
 */
final class Backfill {
    private final DualPair pair;
    private final MirrorState state;
    private final MigrationListener listener;
    private final PrintWriter out;

    Backfill(DualPair pair, MirrorState state, MigrationListener listener, PrintWriter out) {
        this.pair = requireNonNull(pair, "pair is null");
        this.state = requireNonNull(state, "state is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.out = requireNonNull(out, "out is null");
    }

    /** @return whether every table's history is in the secondary */
    boolean run(MigrationOptions options) {
        List<StoreTable> tables = options.tables();
        List<Instant> boundaries = new ArrayList<>();
        for (StoreTable table : tables) {
            boundaries.add(state.mirroringSince(table).orElseThrow(() -> new MigrationException("the app has not"
                    + " begun mirroring " + table.tableName() + " into " + pair.secondary().describe() + " (no"
                    + " boundary in the dual state of " + pair.given() + "); start the app with this configuration"
                    + " first: the backfill copies the rows from before the instant mirroring began")));
        }
        try (AutoCloseable lease = state.borrowSecondary(DualCommands.LEASE_TIMEOUT);
             MetricsStore primary = pair.primary().open(OpenMode.READ_ONLY);
             MetricsStore secondary = options.dryRun() ? pair.secondary().openForDryRun()
                     : pair.secondary().open(OpenMode.MIGRATE)) {
            DualCommands.requireStoresOfState(pair, state, primary, secondary);
            RowSource source = RowSource.of(pair.primary().describe(), primary);
            boolean succeeded = true;
            for (int i = 0; i < tables.size(); i++) {
                StoreTable table = tables.get(i);
                TimeRange history = TimeRange.of(Timestamps.MIN, boundaries.get(i));
                List<TimeRange> late = lateWrites(table, history);
                MigrationOptions copy = options.withTables(List.of(table)).withRange(history)
                        .withAppend(!late.isEmpty()).withVerify(false);
                if (!StoreMigrator.hasCheckpoint(source, pair.secondary().describe(), copy)) {
                    refuseUnexpectedRows(secondary, table, history, late);
                }
                out.println(table.tableName() + ": history before " + TimeRanges.format(history.to())
                        + " (mirroring began then)" + (late.isEmpty() ? "" : ", and " + late.size()
                        + " range(s) written late before it"));
                MigrationReport report = new StoreMigrator(listener).migrate(source, secondary,
                        pair.secondary().describe(), copy);
                out.println(report.summary());
                succeeded &= report.succeeded();
                if (!options.dryRun()) {
                    RangeReplacer replacer = new RangeReplacer(options.batchSize(), listener);
                    for (TimeRange range : late) {
                        RangeReplacer.Result result = replacer.replace(source, secondary, table, range);
                        out.printf("  %s %s written late: %,d rows replaced by the primary's %,d%n",
                                table.tableName(), TimeRanges.format(range), result.rowsDeleted(), result.rowsCopied());
                    }
                }
            }
            out.flush();
            return succeeded;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationException("giving the secondary back to the app failed: " + e.getMessage(), e);
        }
    }

    private List<TimeRange> lateWrites(StoreTable table, TimeRange history) {
        List<TimeRange> clipped = new ArrayList<>();
        for (TimeRange range : state.lateWrites(table)) {
            TimeRanges.intersection(range, history).ifPresent(clipped::add);
        }
        return clipped;
    }

    /**
     * The secondary may hold rows before B only where late writes were mirrored: any other row there means it is
     * not the store the backfill thinks (a copy made earlier, another app's store), and copying would double rows.
     */
    private void refuseUnexpectedRows(MetricsStore secondary, StoreTable table, TimeRange history,
                                      List<TimeRange> late) {
        long held = secondary.count(table, history);
        for (TimeRange range : late) {
            held -= secondary.count(table, range);
        }
        if (held > 0) {
            throw new TargetNotEmptyException("the secondary " + pair.secondary().describe() + " already holds "
                    + String.format("%,d", held) + " " + table.tableName() + " rows before "
                    + TimeRanges.format(history.to()) + " that mirroring did not write: it is not the store this"
                    + " backfill copies into, or it was filled another way. Empty it (or give the app a new"
                    + " secondary) and start again, or resume the backfill with the same --state-dir");
        }
    }
}
