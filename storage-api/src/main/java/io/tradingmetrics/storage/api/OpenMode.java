package io.tradingmetrics.storage.api;

/**
 * What opening a store may do to it, chosen by whoever opens it (an app, a command-line tool). Only {@link #MIGRATE}
 * and {@link #CONFIGURED} (as the store's configuration allows) create a store or change its schema; the others never
 * write.
 */
public enum OpenMode {
    /**
     * What an application gets by default: the store opened as its configuration says, for example with its schema
     * brought up to date on open, or only checked.
     */
    CONFIGURED,
    /**
     * For reading only: creates nothing, adopts nothing, migrates nothing and takes no write lock, so a store that
     * another process uses can be read at the same time. A missing store is refused, naming where it was looked for.
     * A schema that is not current is read as it is when the store can read it (an older system's schema not yet
     * adopted reads as it is), and refused, saying how to bring it up to date, when not. A database that holds none
     * of the store's tables reads as an empty store. Writes are refused.
     */
    READ_ONLY,
    /** {@link #READ_ONLY}, and the schema must be current: opening fails otherwise, naming the versions. */
    VALIDATE,
    /**
     * The explicit write path: creates the store when it is missing, adopts an older system's schema and brings the
     * schema up to date, whatever the configuration says about migrating on open.
     */
    MIGRATE
}
