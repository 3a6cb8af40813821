package io.tradingmetrics.cli;

import io.tradingmetrics.storage.api.StoreConfigException;
import io.tradingmetrics.storage.api.StoreUnavailableException;

/**
 * The exit codes of the {@code metrics} command, so that scripts can tell a mistake in the command line or the
 * configuration (fix and rerun) from a store that cannot be reached (wait and retry) and from a failure of the work.
 */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The command ran and failed, or found what it checks for (a verification mismatch, an unhealthy store). */
    public static final int FAILURE = 1;
    /** The command line is wrong: an unknown option, a value out of range, options that do not go together. */
    public static final int USAGE = 2;
    /** The configuration is invalid: an unknown key, a bad value, a store type that is not on the classpath. */
    public static final int CONFIG = 3;
    /** The store cannot be reached or opened: the server is down, the file is locked by another process. */
    public static final int STORE_UNAVAILABLE = 4;

    /** The exit codes as one paragraph of help. */
    public static final String HELP = "Exit codes: 0 success; 1 failure (also a verification mismatch or an "
            + "unhealthy store); 2 bad usage; 3 invalid configuration; 4 store unavailable (not reachable, or locked).";

    private ExitCodes() {}

    /** @return the exit code of a command that failed with the exception */
    static int of(Exception e) {
        if (e instanceof StoreConfigException) {
            return CONFIG;
        }
        if (e instanceof StoreUnavailableException) {
            return STORE_UNAVAILABLE;
        }
        return FAILURE;
    }
}
