package io.tradingmetrics.cli.output;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Shows how far a long write has come. On a terminal one line is redrawn in place (bar, percent, rows per second,
 * time left); elsewhere (a pipe, a log file, a test) a plain line is printed at every further tenth.
 */
public final class Progress {
    private static final long REDRAW_EVERY_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 30;

    private final String what;
    private final long total;
    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long done;
    private long lastDrawNanos;
    private int lastTenth;

    /**
     * @param what the label at the start of each line, for example {@code demo}
     * @param total how many rows there will be
     * @param terminal whether {@code out} is a terminal that honours carriage returns
     * @param nanoTime the clock, {@code System::nanoTime}
     */
    public Progress(String what, long total, PrintWriter out, boolean terminal, LongSupplier nanoTime) {
        this.what = requireNonNull(what, "what is null");
        this.total = Math.max(1, total);
        this.out = requireNonNull(out, "out is null");
        this.terminal = terminal;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.startNanos = nanoTime.getAsLong();
        this.lastDrawNanos = startNanos - REDRAW_EVERY_NANOS;
    }

    /** Counts rows as written. */
    public void advance(long rows) {
        done += rows;
        long now = nanoTime.getAsLong();
        if (terminal) {
            if (now - lastDrawNanos >= REDRAW_EVERY_NANOS || done >= total) {
                lastDrawNanos = now;
                out.print("\r" + line(now) + "   ");
                out.flush();
            }
        } else {
            int tenth = (int) Math.min(10, done * 10 / total);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                out.println(what + ": " + line(now));
                out.flush();
            }
        }
    }

    /** Ends the progress line. @return the nanoseconds since the start */
    public long finish() {
        long elapsed = nanoTime.getAsLong() - startNanos;
        if (terminal) {
            out.print("\r" + " ".repeat(BAR_WIDTH + 80) + "\r");
            out.flush();
        }
        return elapsed;
    }

    private String line(long now) {
        double fraction = Math.min(1, (double) done / total);
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 ? duration((total - done) / rate) : "?";
        String text = String.format(Locale.ROOT, "%3d%%  %s of %s rows  %s rows/s  ETA %s", Math.round(fraction * 100),
                Cells.count(done), Cells.count(total), Cells.count(Math.round(rate)), eta);
        if (!terminal) {
            return text;
        }
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + text;
    }

    /** @return seconds as {@code 42s} or {@code 3m05s} */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s < 60 ? s + "s" : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
