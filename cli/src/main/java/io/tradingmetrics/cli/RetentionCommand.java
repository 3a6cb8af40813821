package io.tradingmetrics.cli;

import io.tradingmetrics.cli.output.Column;
import io.tradingmetrics.cli.output.OutputFormat;
import io.tradingmetrics.cli.output.ResultTable;
import io.tradingmetrics.cli.output.TablePrinter;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.OpenMode;
import io.tradingmetrics.storage.api.RetentionGuards;
import io.tradingmetrics.storage.api.RetentionPolicy;
import io.tradingmetrics.storage.api.RetentionReport;
import io.tradingmetrics.storage.api.TableRetention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/** {@code metrics retention}: deletes what {@code metrics.store.retention} no longer keeps, or shows what would go. */
@Command(name = "retention", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deletes from each table the rows older than now minus its keep (metrics.store.retention),"
                + " then runs the store's optimize() to return the space. Refused, deleting nothing, when the clock"
                + " reads more than max-clock-lead past the newest stored point or a table would lose more than"
                + " max-delete-fraction of its rows."},
        footer = {"", "Exit code 1 when a guard refuses the run (a dry run too: it says what a real run would meet)."
                + " A store that keeps everything (the default) deletes nothing."})
final class RetentionCommand extends StoreCommand {
    @Option(names = "--dry-run", description = "read only: print what a run would delete, or why it would be refused")
    boolean dryRun;

    @Option(names = "--force", description = "run without the guards, once, after checking the clock and --dry-run")
    boolean force;

    @Option(names = "--optimize", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run optimize() after deleting, returning freed space (default: true)")
    boolean optimize;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, csv or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Override
    public Integer call() {
        StoreSpec selected = selectedStore();
        announce(selected);
        RetentionPolicy policy = force ? selected.retentionPolicy().withGuards(RetentionGuards.NONE)
                : selected.retentionPolicy();
        RetentionReport report;
        // The plan is read on a read-only open: a dry run, a policy with nothing to delete and a refused run never
        // open the store for writing (nor create it: a missing store is refused here).
        try (MetricsStore store = selected.open(OpenMode.READ_ONLY)) {
            report = store.planRetention(policy, now());
        }
        OptionalLong sizeAfterOptimize = OptionalLong.empty();
        Duration optimizeTook = null;
        if (!dryRun && !report.refused() && report.rowsRemoved() > 0) {
            try (MetricsStore store = selected.open(OpenMode.CONFIGURED)) {
                report = store.applyRetention(policy, now()); // the guards are checked again, in the transaction
                if (optimize && !report.refused()) {
                    long started = System.nanoTime();
                    store.optimize();
                    optimizeTook = Duration.ofNanos(System.nanoTime() - started);
                    sizeAfterOptimize = store.bytesOnDisk();
                }
            }
        }
        print(report, sizeAfterOptimize, optimizeTook);
        if (report.refused()) {
            err().println("metrics: retention " + (dryRun ? "would be " : "") + "refused, nothing deleted: "
                    + report.refusal().orElseThrow());
            err().flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private void print(RetentionReport report, OptionalLong sizeAfterOptimize, Duration optimizeTook) {
        boolean planned = report.dryRun();
        ResultTable table = new ResultTable((planned ? "Retention plan" : "Retention") + " of " + describeStore()
                + " at " + report.now(), Column.text("table"), Column.text("keep"), Column.time("cutoff"),
                Column.count("rows"), Column.count(planned ? "would remove" : "removed"));
        for (TableRetention t : report.tables()) {
            table.row(t.table(), t.keep().map(RetentionCommand::duration).orElse("forever"), t.cutoff(),
                    t.rowsBefore(), t.rowsRemoved());
        }
        table.note(note(report, sizeAfterOptimize, optimizeTook));
        new TablePrinter(out(), format).print(table);
        out().flush();
    }

    private String note(RetentionReport report, OptionalLong sizeAfterOptimize, Duration optimizeTook) {
        if (report.refused()) {
            return "REFUSED: nothing deleted (see below)";
        }
        StringBuilder note = new StringBuilder();
        note.append(report.dryRun() ? "dry run: nothing deleted; " + report.rowsRemoved() + " rows would go"
                : report.rowsRemoved() + " rows removed in " + seconds(report.took()));
        if (optimizeTook != null) {
            note.append("; optimize ").append(seconds(optimizeTook));
        }
        OptionalLong after = sizeAfterOptimize.isPresent() ? sizeAfterOptimize : report.bytesAfter();
        if (!report.dryRun() && report.bytesBefore().isPresent() && after.isPresent()) {
            note.append("; size ").append(mib(report.bytesBefore().getAsLong())).append(" -> ")
                    .append(mib(after.getAsLong()));
        }
        return note.toString();
    }

    private static String duration(Duration keep) {
        long seconds = keep.getSeconds();
        return seconds % 86_400 == 0 ? seconds / 86_400 + "d" : seconds % 3_600 == 0 ? seconds / 3_600 + "h"
                : keep.toString();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
