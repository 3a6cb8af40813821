package io.tradingmetrics.cli.migration;

import io.tradingmetrics.migration.MigrationException;
import io.tradingmetrics.migration.MigrationListener;
import io.tradingmetrics.migration.MigrationOptions;
import io.tradingmetrics.migration.MigrationReport;
import io.tradingmetrics.migration.RowSource;
import io.tradingmetrics.migration.StoreMigrator;
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
 * {@code migrate --backfill}: copies into the secondary of an app's dual store exactly the primary's rows before each
 * table's backfill boundary B, while the app keeps writing: rows from B on reach the secondary through the mirror, and
 * rows before B only through copies of the primary (this one, and the mirror's own re-copy of any range before B that
 * a late write touches), so the secondary's rows before B may all be replaced. Copied in checkpointed chunks like any
 * migration: a run killed at any moment resumes with the same command. The app lends the secondary for the duration
 * ({@link MirrorState#borrowSecondary}) and queues its mirrored writes meanwhile; the copy is recorded in the dual
 * store's state as done when it completes.
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
            boundaries.add(state.boundary(table).orElseThrow(() -> new MigrationException("the app has not begun"
                    + " mirroring " + table.tableName() + " into " + pair.secondary().describe() + " (no boundary in"
                    + " the dual state of " + pair.given() + "); start the app with this configuration first: the"
                    + " backfill copies the rows from before the instant mirroring began")));
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
                out.println(table.tableName() + ": the rows before " + TimeRanges.format(history.to())
                        + " (the boundary: rows from then on are mirrored)");
                MigrationReport report = new StoreMigrator(listener).backfill(source, secondary,
                        pair.secondary().describe(), options.withTables(List.of(table)).withRange(history)
                                .withVerify(false));
                out.println(report.summary());
                succeeded &= report.succeeded();
                if (report.succeeded() && !options.dryRun()) {
                    state.recordBackfilled(table);
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
}
