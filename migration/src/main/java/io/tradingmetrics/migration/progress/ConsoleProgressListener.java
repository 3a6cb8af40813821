package io.tradingmetrics.migration.progress;

import io.tradingmetrics.migration.MigrationListener;
import io.tradingmetrics.migration.MigrationPhase;
import io.tradingmetrics.storage.api.StoreTable;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders progress for a person: on a terminal, one line redrawn in place with a bar, rows, rows/s and ETA; elsewhere
 * (a log file, a pipe) a plain line every few seconds. Thread-safe.
 */
public final class ConsoleProgressListener implements MigrationListener {
    private static final long TERMINAL_REFRESH_NANOS = 200_000_000L;
    private static final long LOG_REFRESH_NANOS = 5_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final AtomicLong done = new AtomicLong();
    private volatile MigrationPhase phase;
    private volatile long total;
    private volatile long phaseStart;
    private long lastRender;
    private boolean barShown;

    /**
     * @param out where to write
     * @param terminal whether {@code out} is a terminal, so that a line can be redrawn in place
     */
    public ConsoleProgressListener(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Writes to standard error, redrawing in place when the program runs on a terminal. */
    public static ConsoleProgressListener toStandardError() {
        return new ConsoleProgressListener(System.err, System.console() != null);
    }

    @Override
    public synchronized void phaseStarted(MigrationPhase newPhase, long totalRows) {
        phase = newPhase;
        total = totalRows;
        done.set(0);
        phaseStart = System.nanoTime();
        lastRender = phaseStart;
    }

    @Override
    public void rowsDone(MigrationPhase rowPhase, StoreTable table, long rows) {
        done.addAndGet(rows);
        long now = System.nanoTime();
        synchronized (this) {
            if (now - lastRender >= (terminal ? TERMINAL_REFRESH_NANOS : LOG_REFRESH_NANOS)) {
                lastRender = now;
                render(now, false);
            }
        }
    }

    @Override
    public synchronized void info(String message) {
        clearBar();
        out.println(message);
        out.flush();
    }

    @Override
    public synchronized void phaseFinished(MigrationPhase finished) {
        if (phase == finished) {
            render(System.nanoTime(), true);
            phase = null;
        }
    }

    private void render(long now, boolean last) {
        MigrationPhase current = phase;
        if (current == null) {
            return;
        }
        long rows = done.get();
        double seconds = Math.max(1e-9, (now - phaseStart) / 1e9);
        double rate = rows / seconds;
        StringBuilder line = new StringBuilder(current.label()).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) rows / total);
            if (terminal) {
                int filled = (int) Math.round(fraction * BAR_WIDTH);
                line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
            }
            line.append(String.format("%3.0f%% %,d/%,d rows", fraction * 100, rows, total));
        } else {
            line.append(String.format("%,d rows", rows));
        }
        line.append(String.format(", %,.0f rows/s", rate));
        if (last) {
            line.append(String.format(", %.1f s", seconds));
        } else if (total > rows && rate > 0) {
            line.append(", ETA ").append(duration((total - rows) / rate));
        }
        if (terminal) {
            out.print("\r" + line + "\033[K");
            barShown = true;
            if (last) {
                out.println();
                barShown = false;
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    private void clearBar() {
        if (barShown) {
            out.print("\r\033[K");
            barShown = false;
        }
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
