package io.tradingmetrics.writer;

/** Why rows never reached the store. */
public enum DropReason {
    /** The buffer was full and the overflow policy dropped the newest write. */
    BUFFER_FULL_NEWEST,
    /** The buffer was full and the overflow policy dropped the oldest waiting writes. */
    BUFFER_FULL_OLDEST,
    /** The store stayed unavailable for longer than the configured retry time. */
    STORE_UNAVAILABLE,
    /** The store refused the row itself (a permanent error); retrying cannot help. */
    REFUSED_BY_STORE,
    /** The writer was closed before the row could be stored within the close timeout. */
    CLOSED
}
