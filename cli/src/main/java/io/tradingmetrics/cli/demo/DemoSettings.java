package io.tradingmetrics.cli.demo;

import io.tradingmetrics.storage.api.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What to generate. The same settings give the same rows.
 *
 * @param points how many metric points to generate
 * @param window how far back from {@code end} the data reaches; a whole number of minutes
 * @param end the instant the data ends at (excluded); a whole minute
 * @param symbols the instruments
 * @param seed the seed of the random walks
 * @param batchSize the most rows of one table in one batch
 */
public record DemoSettings(long points, Duration window, Instant end, List<DemoSymbol> symbols, long seed,
                           int batchSize) {
    /** Snapshots of the portfolio are taken this often. */
    public static final Duration SNAPSHOT_EVERY = Duration.ofMinutes(5);

    public DemoSettings {
        requireNonNull(window, "window is null");
        requireNonNull(end, "end is null");
        symbols = List.copyOf(requireNonNull(symbols, "symbols is null"));
        if (points < 1) {
            throw new IllegalArgumentException("points must be 1 or more, not " + points);
        }
        if (window.toSeconds() < 60 || window.toSeconds() % 60 != 0 || window.toNanosPart() != 0) {
            throw new IllegalArgumentException("window must be a whole number of minutes, not " + window);
        }
        if (end.getEpochSecond() % 60 != 0 || end.getNano() != 0) {
            throw new IllegalArgumentException("end must be a whole minute, not " + end);
        }
        Timestamps.normalize(end.minus(window), "data start");
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("give at least one symbol");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be 1 or more, not " + batchSize);
        }
    }

    /** @return the first instant of the data */
    public Instant start() {
        return end.minus(window);
    }

    /** @return how many 1-minute candles the settings give: one per symbol and minute */
    public long candleCount() {
        return window.toMinutes() * symbols.size();
    }

    /** @return how many portfolio snapshots the settings give */
    public long snapshotCount() {
        return snapshotCount(window);
    }

    /** @return how many portfolio snapshots a window of whole minutes gives: one every {@link #SNAPSHOT_EVERY} */
    public static long snapshotCount(Duration window) {
        return window.toMinutes() / SNAPSHOT_EVERY.toMinutes()
                + (window.toMinutes() % SNAPSHOT_EVERY.toMinutes() == 0 ? 0 : 1);
    }

    /** @return every row of the three tables together */
    public long totalRows() {
        return points + candleCount() + snapshotCount();
    }
}
