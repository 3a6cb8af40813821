package io.tradingmetrics.storage.dual;

import io.tradingmetrics.storage.api.StoreTable;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where mirroring of one table to the secondary stands.
 *
 * @param table the table
 * @param mirroringSince when the current mirroring began (the first open with this secondary, or a new secondary):
 *        every write accepted since is on the secondary or waiting in the outbox, unless {@link #catchUpFrom()} says
 *        otherwise
 * @param boundary the backfill boundary B, a data timestamp: rows at or after it reach the secondary through the
 *        mirror; rows before it come from copies of the primary (the backfill copies exactly the primary's rows
 *        with a timestamp before B, and the mirror itself replaces any range before B that a later write touched)
 * @param backfilled whether the backfill of the rows before the boundary has been recorded as done
 *        ({@link DualState#recordBackfilled}); true from the start when the primary's table was empty
 * @param catchUpFrom when mirroring stopped on a full outbox: the earliest timestamp of a write the secondary misses
 *        (the dual store copies the range from the primary when it mirrors again); empty when it misses nothing
 */
public record MirrorState(StoreTable table, Instant mirroringSince, Instant boundary, boolean backfilled,
                          Optional<Instant> catchUpFrom) {
    public MirrorState {
        requireNonNull(table, "table is null");
        requireNonNull(mirroringSince, "mirroringSince is null");
        requireNonNull(boundary, "boundary is null");
        requireNonNull(catchUpFrom, "catchUpFrom is null");
    }
}
