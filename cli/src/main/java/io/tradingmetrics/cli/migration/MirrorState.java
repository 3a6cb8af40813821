package io.tradingmetrics.cli.migration;

import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an app's dual store recorded about mirroring its primary into its secondary, read (never written) by the
 * runbook commands from outside the app: the one seam between them and the dual store's own state.
 */
interface MirrorState extends AutoCloseable {
    /**
     * @return the table's backfill boundary B, a row timestamp: rows from B on reach the secondary through the
     *         mirror; rows before it only through copies of the primary (the backfill copies them); empty before the
     *         app first mirrored
     */
    Optional<Instant> boundary(StoreTable table);

    /** Records in the dual store's state that the table's rows before its boundary are copied. */
    void recordBackfilled(StoreTable table);

    /**
     * @return the ranges the secondary lacks because mirroring stopped (a full outbox with the policy that stops
     *         mirroring), which {@code catch-up} copies; empty when nothing is missing
     */
    List<TimeRange> missed(StoreTable table);

    /** @return the instance ids the state is keyed by: the primary's and the secondary's */
    Optional<String> primaryInstanceId();

    /** @return see {@link #primaryInstanceId()} */
    Optional<String> secondaryInstanceId();

    /**
     * Borrows the secondary from the running app (a DuckDB file is locked by one process at a time): returns once the
     * app has stored what it had queued and let go of the secondary, which then queues its writes until the lease is
     * closed. Nothing to wait for when no app runs or the secondary is a server.
     *
     * @param timeout how long to wait for the app
     * @return the lease; closing it gives the secondary back
     */
    AutoCloseable borrowSecondary(Duration timeout);

    @Override
    void close();
}
