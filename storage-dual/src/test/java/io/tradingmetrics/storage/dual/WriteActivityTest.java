package io.tradingmetrics.storage.dual;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WriteActivityTest {
    private static final long MS = 1_000_000;
    private final WriteActivity activity = new WriteActivity();

    @Test
    void anAppThatNeverWroteIsNotWriting() {
        assertThat(activity.writing(System.nanoTime())).isFalse();
    }

    @Test
    void aSteadyWriterPausesBetweenItsCalls() {
        long at = 0;
        for (int call = 0; call < 10; call++) {
            activity.record(at, at + 20 * MS); // a 20 ms call every 200 ms
            at += 200 * MS;
        }
        long lastEnd = at - 200 * MS + 20 * MS;
        assertThat(activity.writing(lastEnd + 2 * MS)).as("just after a call").isTrue();
        assertThat(activity.writing(lastEnd + 30 * MS)).as("30 ms into a 180 ms pause").isFalse();
    }

    @Test
    void aGapInABurstIsNotAPause() {
        long at = burst(0, 30);
        assertThat(activity.writing(at + 12 * MS)).as("a 12 ms gap (GC) after 30 calls of 10 ms").isTrue();
        assertThat(activity.writing(at + 150 * MS)).as("150 ms after the burst").isFalse();
    }

    @Test
    void theFirstCallsOfABurstAreABurst() {
        long at = burst(1_000 * MS, 3);
        assertThat(activity.writing(at + 12 * MS)).as("a 12 ms gap after three calls of 10 ms").isTrue();
        assertThat(activity.writing(at + 40 * MS)).as("a pause as long as the burst").isFalse();
    }

    @Test
    void onlyTheHorizonCounts() {
        long at = burst(0, 60); // 720 ms of writing
        activity.record(at + 400 * MS, at + 401 * MS); // then one short call, long after
        assertThat(activity.writing(at + 410 * MS)).as("the burst ended 400 ms ago").isFalse();
    }

    /** @return when the burst's last call ended: calls of 10 ms, 2 ms apart */
    private long burst(long from, int calls) {
        long at = from;
        for (int call = 0; call < calls; call++) {
            activity.record(at, at + 10 * MS);
            at += 12 * MS;
        }
        return at - 2 * MS;
    }
}
