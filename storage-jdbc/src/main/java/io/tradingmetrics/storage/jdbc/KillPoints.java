package io.tradingmetrics.storage.jdbc;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test hook for crash tests: with the system property {@value #PROPERTY} set to {@code N}, the JVM halts (as with
 * kill -9: no shutdown hook, no close) right after the N-th step at which the schema manager's connection made
 * changes durable (a commit of a transaction that changed something, or a change run in auto-commit mode). Halting
 * before a step leaves on disk what halting after the previous one does, so these points cover every state a crash
 * can leave. Without the property it does nothing.
 */
public final class KillPoints {
    /** The system property naming the durable step after which to halt. */
    public static final String PROPERTY = "io.tradingmetrics.storage.haltAfterDurableStep";
    /** The exit status of a JVM halted by this hook. */
    public static final int HALT_STATUS = 86;

    private static final AtomicInteger STEPS = new AtomicInteger();

    private KillPoints() {}

    /** Called right after a durable step. */
    static void durableStepDone() {
        String point = System.getProperty(PROPERTY);
        if (point != null && point.equals(Integer.toString(STEPS.incrementAndGet()))) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
