package io.tradingmetrics.cli.migration;

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
import io.tradingmetrics.storage.dual.DualState;
import io.tradingmetrics.storage.dual.DualStatus;
import io.tradingmetrics.storage.dual.MirrorState;
import io.tradingmetrics.storage.dual.SecondaryHold;

import java.io.PrintWriter;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code migrate --backfill}: copies into the secondary of an app's dual store exactly the primary's rows before each
 * table's backfill boundary B, while the app keeps writing. Rows from B on reach the secondary through the mirror;
 * rows before B only through copies of the primary (this one, and the mirror's own re-copy of any range before B that
 * a late write touches, which it makes after this copy since it waits while the secondary is held), so every chunk
 * before B is cleared in the secondary and copied. Chunks are checkpointed as in any migration: a run killed at any
 * moment resumes with the same command. At the end the backfill is recorded in the dual store's state for the epoch
 * read before copying, so that the app allows a switch.
 */
final class Backfill {
    private final DualPair pair;
    private final MigrationListener listener;
    private final PrintWriter out;

    Backfill(DualPair pair, MigrationListener listener, PrintWriter out) {
        this.pair = requireNonNull(pair, "pair is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.out = requireNonNull(out, "out is null");
    }

    /** @return whether every table's history is in the secondary */
    boolean run(MigrationOptions options) {
        DualStatus before = pair.status();
        try (SecondaryHold hold = options.dryRun() ? null : pair.hold("migrate --backfill");
             MetricsStore primary = pair.primary().open(OpenMode.READ_ONLY);
             MetricsStore secondary = pair.openSecondary(options.dryRun())) {
            pair.requireStoresOf(before, primary, secondary);
            RowSource source = RowSource.of(pair.primary().describe(), primary);
            boolean succeeded = true;
            for (StoreTable table : options.tables()) {
                MirrorState mirror = before.tables().get(table.ordinal());
                TimeRange history = TimeRange.of(Timestamps.MIN, mirror.boundary());
                out.println(table.tableName() + ": the primary's rows before " + TimeRanges.format(history.to())
                        + " (the boundary; rows from it on are mirrored)");
                MigrationReport report = new StoreMigrator(listener).backfill(source, secondary,
                        pair.secondary().describe(), options.withTables(List.of(table)).withRange(history)
                                .withVerify(false));
                out.println(report.summary());
                succeeded &= report.succeeded();
            }
            if (succeeded && !options.dryRun() && options.tables().size() == StoreTable.values().length) {
                DualState.recordBackfilled(pair.directory(), before.epoch());
                out.println("backfill recorded as done for mirroring epoch " + before.epoch() + " in "
                        + pair.directory() + "; check the two stores with: metrics verify --config " + pair.given());
            } else if (succeeded && !options.dryRun()) {
                out.println("the backfill is recorded as done only when it copies every table; run it without"
                        + " --tables to finish it (copied tables are skipped)");
            }
            out.flush();
            return succeeded;
        }
    }
}
