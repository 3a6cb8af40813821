package io.tradingmetrics.writer;

/** What {@link MetricsWriter#write} does when the buffer is full. Every drop is counted and reported. */
public enum OverflowPolicy {
    /** Wait for room up to the configured block timeout, then fail the write with {@link BufferFullException}. */
    BLOCK,
    /** Drop the write that does not fit and report it; the producer never waits. */
    DROP_NEWEST,
    /** Drop the oldest writes still waiting in the buffer to make room, and report them. */
    DROP_OLDEST,
    /** Fail the write with {@link BufferFullException} at once. */
    FAIL
}
