package io.tradingmetrics.storage.jdbc.rollup;

import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.StoreConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What a store's {@code rollups} block says: whether the store keeps rollups of its points, at which levels, and how
 * its background refresh follows the newest points.
 *
 * @param enabled whether the store maintains rollups and aggregations read them; off, every read is from raw points
 * @param levels the rollup widths, finest first, each one of {@link #ALLOWED}; empty when disabled
 * @param refreshInterval the pause between two runs of the background refresh ({@code rollups.refresh-interval})
 * @param refreshLag how far behind the newest point the refresh stops ({@code rollups.refresh-lag}): a point
 *        written later than that behind the newest is merged into the rollups by its own write, which costs that
 *        write more; aggregations read the points not yet refreshed from the raw table
 * @param minPointsPerRow the fewest points a level's row must sum up on average for aggregations to regroup the
 *        level's rows ({@code rollups.min-points-per-row}): a level of sparse series holds about a row per point,
 *        and regrouping it is no faster than reading the points; it is kept all the same, read as it is where its
 *        rows are the answer's buckets, and regrouped once the points are denser; a refresh that sums up many rows
 *        that sparse leaves the level dormant until its newest points are dense (see {@link Rollups})
 */
public record RollupSettings(boolean enabled, List<Interval> levels, Duration refreshInterval, Duration refreshLag,
                             double minPointsPerRow) {
    /** The widths a level may have: each divides a day, so that every level also serves month buckets. */
    public static final List<Interval> ALLOWED = List.of(Interval.MINUTE_1, Interval.MINUTE_5, Interval.MINUTE_15,
            Interval.HOUR_1, Interval.HOUR_4, Interval.DAY_1);
    /** The levels of the reference configuration. */
    public static final List<Interval> DEFAULT_LEVELS = List.of(Interval.MINUTE_1, Interval.HOUR_1);
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_REFRESH_LAG = Duration.ofSeconds(10);
    public static final double DEFAULT_MIN_POINTS_PER_ROW = 4;
    private static final Duration MIN_REFRESH_INTERVAL = Duration.ofMillis(10);

    public RollupSettings {
        levels = List.copyOf(requireNonNull(levels, "levels is null"));
        requireNonNull(refreshInterval, "refreshInterval is null");
        requireNonNull(refreshLag, "refreshLag is null");
        if (!enabled && !levels.isEmpty()) {
            throw new IllegalArgumentException("disabled rollups have no levels");
        }
        if (refreshInterval.compareTo(MIN_REFRESH_INTERVAL) < 0 || refreshLag.isNegative()
                || !(minPointsPerRow >= 0)) {
            throw new IllegalArgumentException("refreshInterval below 10ms, negative refreshLag or minPointsPerRow");
        }
    }

    /**
     * @return the reference configuration: off, levels 1m and 1h once switched on
     */
    public static RollupSettings defaults() {
        return disabled();
    }

    /** @return rollups switched off: nothing maintained, every aggregation from raw points */
    public static RollupSettings disabled() {
        return new RollupSettings(false, List.of(), DEFAULT_REFRESH_INTERVAL, DEFAULT_REFRESH_LAG,
                DEFAULT_MIN_POINTS_PER_ROW);
    }

    /**
     * Checks the block's values strictly, enabled or not: every level one of {@link #ALLOWED} written as its label,
     * none twice, at least one when enabled; the refresh interval at least 10ms, the lag and the points per row not
     * negative.
     *
     * @param block the configuration path of the rollups block, for messages (for example
     *              {@code metrics.store.duckdb.rollups})
     * @throws StoreConfigException naming the key, the bad value and the valid ones
     */
    public static RollupSettings of(boolean enabled, List<String> levelLabels, Duration refreshInterval,
                                    Duration refreshLag, double minPointsPerRow, String block) {
        requireNonNull(levelLabels, "levelLabels is null");
        requireNonNull(refreshInterval, "refreshInterval is null");
        requireNonNull(refreshLag, "refreshLag is null");
        requireNonNull(block, "block is null");
        String allowed = ALLOWED.stream().map(Interval::label).collect(Collectors.joining(", "));
        if (levelLabels.isEmpty() && enabled) {
            throw new StoreConfigException(block + ".levels is empty; give one or more of " + allowed
                    + " (the default is [1m, 1h]), or set " + block + ".enabled = false");
        }
        List<Interval> levels = new ArrayList<>();
        for (String label : levelLabels) {
            Interval level = ALLOWED.stream().filter(i -> i.label().equals(label == null ? null : label.strip()))
                    .findFirst().orElseThrow(() -> new StoreConfigException(block + ".levels holds '" + label
                            + "', which is not a rollup level; give levels among " + allowed));
            if (levels.contains(level)) {
                throw new StoreConfigException(block + ".levels holds " + level.label() + " twice; give each level once");
            }
            levels.add(level);
        }
        levels.sort(null);
        if (refreshInterval.compareTo(MIN_REFRESH_INTERVAL) < 0) {
            throw new StoreConfigException(block + ".refresh-interval = " + refreshInterval.toMillis() + "ms is too"
                    + " short; give at least 10ms (the default is 1s)");
        }
        if (refreshLag.isNegative()) {
            throw new StoreConfigException(block + ".refresh-lag is negative; give 0s or more (the default is 10s)");
        }
        if (!(minPointsPerRow >= 0)) {
            throw new StoreConfigException(block + ".min-points-per-row = " + minPointsPerRow + " is not usable; give"
                    + " 0 (always read the levels) or more (the default is 4)");
        }
        // Checked even when off, so that a typo is found before rollups are switched on.
        return enabled ? new RollupSettings(true, levels, refreshInterval, refreshLag, minPointsPerRow) : disabled();
    }

    /** @return the name of a level's table, for example {@code metric_rollup_1h} */
    public static String tableOf(Interval level) {
        if (!ALLOWED.contains(level)) {
            throw new IllegalArgumentException("not a rollup level: " + level);
        }
        return "metric_rollup_" + level.label();
    }
}
