package io.tradingmetrics.storage.dual;

import java.time.Duration;

/**
 * When the app writes, for the mirror to replay in its pauses. A pause is a few milliseconds without a write, unless
 * the app spent most of its recent time writing: then it is a burst, and a gap in it (the app building its next
 * batch, a GC pause, a thread descheduled on the shared cores) is not a pause. A replay started in such a gap takes
 * the cores from the burst's next writes for as long as the secondary takes a whole record.
 */
final class WriteActivity {
    /** No write for this long: the app pauses, unless it is in a burst. */
    static final Duration PAUSE = Duration.ofMillis(5);
    /** How far back a burst is looked for: the longest a mirror waits after one ends is half of it. */
    private static final long HORIZON_NANOS = Duration.ofMillis(250).toNanos();
    /** The app is in a burst while it spent at least this share of the time since its first recent call writing. */
    private static final double BURST_SHARE = 0.5;
    /** Calls remembered: a horizon's worth of the shortest calls that matter (a few milliseconds each). */
    private static final int CALLS = 64;

    private final long[] starts = new long[CALLS];
    private final long[] ends = new long[CALLS];
    private int count;
    private int next;

    /** Records a call to the primary that began and ended at these {@link System#nanoTime()} readings. */
    synchronized void record(long startNanos, long endNanos) {
        starts[next] = startNanos;
        ends[next] = endNanos;
        next = (next + 1) % CALLS;
        count = Math.min(count + 1, CALLS);
    }

    /** @return whether the app, outside a call now, is still writing: it has not paused since its last call */
    synchronized boolean writing(long nowNanos) {
        if (count == 0) {
            return false;
        }
        int last = (next + CALLS - 1) % CALLS;
        if (nowNanos - ends[last] < PAUSE.toNanos()) {
            return true;
        }
        long horizon = nowNanos - HORIZON_NANOS;
        long busy = 0;
        long first = nowNanos;
        for (int i = 0, slot = last; i < count; i++, slot = (slot + CALLS - 1) % CALLS) {
            if (ends[slot] <= horizon) {
                break;
            }
            long start = Math.max(starts[slot], horizon);
            busy += ends[slot] - start;
            first = start;
        }
        return busy >= BURST_SHARE * (nowNanos - first) && busy > 0;
    }
}
