package io.tradingmetrics.cli.migration;

import io.tradingmetrics.cli.output.Progress;
import io.tradingmetrics.migration.MigrationListener;
import io.tradingmetrics.migration.MigrationPhase;
import io.tradingmetrics.storage.api.StoreTable;

import java.io.PrintWriter;

/**
 * Shows a migration's progress on standard error with the CLI's progress line (a bar redrawn in place on a terminal,
 * a line per tenth elsewhere), and its messages as lines. Events come from several threads.
 */
final class CliProgressListener implements MigrationListener {
    private final PrintWriter err;
    private final boolean terminal;
    private Progress progress;

    CliProgressListener(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static CliProgressListener on(PrintWriter err) {
        return new CliProgressListener(err, System.console() != null);
    }

    @Override
    public synchronized void phaseStarted(MigrationPhase phase, long totalRows) {
        finishProgress();
        if (totalRows > 0) {
            progress = new Progress(phase.label(), totalRows, err, terminal, System::nanoTime);
        }
    }

    @Override
    public synchronized void rowsDone(MigrationPhase phase, StoreTable table, long rows) {
        if (progress != null) {
            progress.advance(rows);
        }
    }

    @Override
    public synchronized void info(String message) {
        if (progress != null && terminal) {
            // Clears the redrawn line; the next rows redraw it below the message.
            progress.finish();
        }
        err.println(message);
        err.flush();
    }

    @Override
    public synchronized void phaseFinished(MigrationPhase phase) {
        finishProgress();
    }

    private void finishProgress() {
        if (progress != null) {
            progress.finish();
            progress = null;
        }
    }
}
