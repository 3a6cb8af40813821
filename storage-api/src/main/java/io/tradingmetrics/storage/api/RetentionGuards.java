package io.tradingmetrics.storage.api;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What makes a retention run refuse to delete anything: the checks that stand between a wrong wall clock (or a
 * mistyped keep) and the loss of recent data. A refused run deletes nothing, in no table, and says why and what to do.
 *
 * <p>The cutoff of every table is always the clock's reading minus the table's keep, never a stored timestamp, so one
 * point stamped in the future cannot move it. The stored data is only the witness the clock is checked against:
 * <ol>
 *   <li><b>Clock ahead:</b> a run is refused when the clock reads more than {@code maxClockLead} past the newest
 *       timestamp stored in any table, because its cutoffs would then delete data newer than the newest stored point
 *       minus its keep. (A store that really received nothing for that long is refused too: nothing is lost by
 *       waiting, and the message says how to run anyway.)</li>
 *   <li><b>Too much at once:</b> a run is refused when it would delete more than {@code maxDeleteFraction} of the
 *       rows of any table. This catches what the first check cannot: a clock that jumped ahead while the writers
 *       stamped points with the same wrong clock (the newest point then agrees with the clock), a keep mistyped as
 *       {@code 1d} for {@code 1y}, and the first run over years of adopted history (which is then confirmed once).</li>
 * </ol>
 *
 * @param maxClockLead how far the clock may read past the newest stored timestamp; positive
 * @param maxDeleteFraction the largest share of a table's rows one run may delete, in (0, 1]; 1 disables the check
 */
public record RetentionGuards(Duration maxClockLead, double maxDeleteFraction) {
    /** The defaults: a clock at most a day past the newest point, at most half of a table in one run. */
    public static final RetentionGuards DEFAULT = new RetentionGuards(Duration.ofDays(1), 0.5);
    /** No guard: for a run a person confirmed (after checking the clock and the plan of a dry run). */
    public static final RetentionGuards NONE = new RetentionGuards(Duration.ofSeconds(Long.MAX_VALUE), 1.0);

    public RetentionGuards {
        requireNonNull(maxClockLead, "maxClockLead is null");
        if (maxClockLead.isNegative() || maxClockLead.isZero()) {
            throw new InvalidInputException("the clock lead a retention run allows must be positive, not "
                    + maxClockLead + "; give a duration such as 1d");
        }
        if (!(maxDeleteFraction > 0 && maxDeleteFraction <= 1)) {
            throw new InvalidInputException("the share of a table a retention run may delete must be in (0, 1], not "
                    + maxDeleteFraction + "; give for example 0.5, or 1 to allow any share");
        }
    }

    /** @return whether these are {@link #NONE} */
    public boolean disabled() {
        return equals(NONE);
    }
}
