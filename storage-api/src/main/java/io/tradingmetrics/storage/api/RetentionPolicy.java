package io.tradingmetrics.storage.api;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * How long a store keeps its rows: a keep per table and per rollup level, and the {@link RetentionGuards} of a run.
 * A table or level without a keep is kept forever. A run deletes the rows older than its cutoff, the clock's reading
 * minus the keep ({@link #cutoff}).
 *
 * @param tables the keep of each table that is not kept forever
 * @param rollups the keep of each rollup level (keyed by the level's bucket width, for example 1 minute) that is not
 *        kept forever; rollups may be kept longer than the raw points they summarize, never shorter. A store
 *        without rollups ignores them.
 * @param guards when a run refuses to delete
 */
public record RetentionPolicy(Map<StoreTable, Duration> tables, Map<Duration, Duration> rollups,
                              RetentionGuards guards) {
    public RetentionPolicy {
        requireNonNull(tables, "tables is null");
        requireNonNull(rollups, "rollups is null");
        requireNonNull(guards, "guards is null");
        EnumMap<StoreTable, Duration> copy = new EnumMap<>(StoreTable.class);
        tables.forEach((table, keep) -> copy.put(requireNonNull(table, "table is null"),
                positive(keep, table.tableName())));
        tables = Map.copyOf(copy);
        TreeMap<Duration, Duration> levels = new TreeMap<>();
        rollups.forEach((level, keep) -> levels.put(positive(level, "a rollup level"),
                positive(keep, "the rollup level " + level)));
        rollups = Map.copyOf(levels);
    }

    /** @return a policy that keeps everything forever (a run deletes nothing) */
    public static RetentionPolicy keepForever() {
        return new RetentionPolicy(Map.of(), Map.of(), RetentionGuards.DEFAULT);
    }

    /** @return this policy with the table kept for {@code keep} */
    public RetentionPolicy keeping(StoreTable table, Duration keep) {
        EnumMap<StoreTable, Duration> copy = new EnumMap<>(StoreTable.class);
        copy.putAll(tables);
        copy.put(requireNonNull(table, "table is null"), keep);
        return new RetentionPolicy(copy, rollups, guards);
    }

    /** @return this policy with other guards, {@link RetentionGuards#NONE} for a confirmed run */
    public RetentionPolicy withGuards(RetentionGuards newGuards) {
        return new RetentionPolicy(tables, rollups, newGuards);
    }

    /** @return how long the table's rows are kept, empty for forever */
    public Optional<Duration> keep(StoreTable table) {
        return Optional.ofNullable(tables.get(requireNonNull(table, "table is null")));
    }

    /** @return how long the rollups of the level are kept, empty for forever */
    public Optional<Duration> rollupKeep(Duration level) {
        return Optional.ofNullable(rollups.get(requireNonNull(level, "level is null")));
    }

    /**
     * @param now the clock's reading at the start of the run
     * @return the instant before which the table's rows are deleted, empty when the table is kept forever or the
     *         keep reaches back before any instant a store can hold
     */
    public Optional<Instant> cutoff(StoreTable table, Instant now) {
        requireNonNull(now, "now is null");
        return keep(table).flatMap(keep -> cutoff(now, keep));
    }

    /** @return {@code now - keep}, empty when it lies before the first instant a store can hold */
    public static Optional<Instant> cutoff(Instant now, Duration keep) {
        Instant earliest = Timestamps.MIN;
        if (Duration.between(earliest, now).compareTo(keep) <= 0) {
            return Optional.empty();
        }
        return Optional.of(now.minus(keep));
    }

    /** @return whether a run of this policy deletes nothing, whatever the store holds */
    public boolean keepsEverything() {
        return tables.isEmpty() && rollups.isEmpty();
    }

    private static Duration positive(Duration duration, String what) {
        requireNonNull(duration, what + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidInputException("the keep of " + what + " must be positive, not " + duration
                    + "; give a duration such as 30d, or keep it forever");
        }
        return duration;
    }
}
