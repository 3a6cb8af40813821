package io.tradingmetrics.maintenance;

import io.tradingmetrics.storage.api.RetentionReport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * One maintenance run: retention, then {@code optimize()}, and what the store's size did meanwhile.
 *
 * @param started the clock's reading when the run started, the instant retention's cutoffs are measured from
 * @param retention the retention report, empty when retention failed
 * @param optimizeTook how long {@code optimize()} took, empty when it was not run or failed
 * @param bytesBefore the store's size on disk before the run, where the store tells it
 * @param bytesAfter the store's size on disk after the run
 * @param took how long the whole run took
 * @param failures what failed, one line each (the next run tries again); empty when nothing did
 */
public record MaintenanceRun(Instant started, Optional<RetentionReport> retention, Optional<Duration> optimizeTook,
                             OptionalLong bytesBefore, OptionalLong bytesAfter, Duration took, List<String> failures) {
    public MaintenanceRun {
        requireNonNull(started, "started is null");
        requireNonNull(retention, "retention is null");
        requireNonNull(optimizeTook, "optimizeTook is null");
        requireNonNull(bytesBefore, "bytesBefore is null");
        requireNonNull(bytesAfter, "bytesAfter is null");
        requireNonNull(took, "took is null");
        failures = List.copyOf(requireNonNull(failures, "failures is null"));
    }

    /** @return whether a step failed */
    public boolean failed() {
        return !failures.isEmpty();
    }

    /** @return whether a retention guard refused to delete */
    public boolean refused() {
        return retention.map(RetentionReport::refused).orElse(false);
    }

    /** @return the run in one line, as it is logged */
    public String summary() {
        List<String> parts = new ArrayList<>();
        retention.ifPresent(report -> parts.add("retention " + report.summary()));
        optimizeTook.ifPresent(d -> parts.add("optimize " + seconds(d)));
        if (bytesBefore.isPresent() && bytesAfter.isPresent()) {
            long before = bytesBefore.getAsLong();
            long after = bytesAfter.getAsLong();
            parts.add("size " + bytes(before) + " -> " + bytes(after) + (before >= after
                    ? " (" + bytes(before - after) + " reclaimed)" : " (grew by " + bytes(after - before) + ")"));
        }
        parts.add("took " + seconds(took));
        failures.forEach(f -> parts.add("FAILED: " + f));
        return String.join("; ", parts);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2fs", duration.toNanos() / 1e9);
    }

    static String bytes(long bytes) {
        double abs = Math.abs((double) bytes);
        if (abs >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
        }
        if (abs >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return abs >= 1L << 10 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) : bytes + " B";
    }
}
