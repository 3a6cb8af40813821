package io.tradingmetrics.storage.dual;

/** The outbox's append-only log of framed, checksummed records on local disk, and the directory's lock. */
final class Outbox {
    /** The lock file the app holds while it uses the directory. */
    static final String LOCK = "lock";

    private Outbox() {}
}
