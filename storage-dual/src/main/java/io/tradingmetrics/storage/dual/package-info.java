/**
 * The dual store ({@code metrics.store.type = dual}): a {@link io.tradingmetrics.storage.api.MetricsStore} over two
 * stores of any other type, for a live cut-over and a rollback that copies nothing.
 *
 * <p>Writes go to the primary, whose answer is the call's; each write is first appended to a durable outbox on local
 * disk and mirrored to the secondary by a background thread, in order, with the primary write's
 * {@link io.tradingmetrics.storage.api.WriteId} (a replay stores nothing twice). Reads come from the primary.
 * {@link io.tradingmetrics.storage.dual.DualMetricsStore#status()} and
 * {@link io.tradingmetrics.storage.dual.DualState#read} say where mirroring stands: the backfill boundary of each
 * table, the outbox's depth and age, the last replay error, and whether the secondary misses anything.
 *
 * <p>The backfill boundary: at the first open the dual store records, per table, the instant B after the newest row
 * of the primary. Every row written since is mirrored; rows at or after B reach the secondary only through the
 * mirror, and rows before B only through copies from the primary (the backfill, {@code migrate} up to B while the
 * secondary is held with {@link io.tradingmetrics.storage.dual.SecondaryHold}), never as mirrored rows: a mirrored
 * write with rows before B (a late point, a candle that began before B, a delete of old rows) makes the mirror
 * replace that time range of the secondary with the primary's rows, read after the write committed. So whatever
 * the interleaving of late writes and the backfill, the last copy of each range reads the primary after the last
 * write into it, and the stores end equal.
 *
 * <p>No type here is null unless its documentation says so.
 */
package io.tradingmetrics.storage.dual;
