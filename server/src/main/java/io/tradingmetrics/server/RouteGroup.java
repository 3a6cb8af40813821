package io.tradingmetrics.server;

import io.javalin.config.RoutesConfig;
import io.tradingmetrics.storage.api.MetricsStore;

/**
 * One group of routes (health, reads, writes, live values, ...), one class each, listed by
 * {@link MetricsHttpServer#routeGroups}. A group gets what it needs in its constructor (usually the
 * {@link ServerResources}) and takes part in the server's life: it learns when the store is open, and is closed
 * when the server shuts down, after requests in flight have finished and before the store is closed (a group that
 * buffers writes flushes them there).
 */
public interface RouteGroup extends AutoCloseable {
    /** Adds the group's routes. Called once, before the server starts. */
    void addTo(RoutesConfig routes);

    /** The store is open and about to serve (it is {@link ServerResources#store()}). Nothing to do by default. */
    default void storeAttached(MetricsStore store) {
    }

    /**
     * A shutdown has begun: new requests are about to be refused and those in flight waited for. A group that holds
     * long-lived requests (live streams) ends them here, so that they do not hold the drain until its timeout.
     * Nothing to do by default.
     */
    default void shutdownStarted() {
    }

    /**
     * Releases what the group holds; requests no longer arrive. A group that buffers writes flushes them here, into
     * the store, which is still open (so a writer of a group is created with {@code close-on-shutdown = false}: the
     * server, not a JVM shutdown hook of its own, decides when it closes). Nothing to do by default.
     */
    @Override
    default void close() throws Exception {
    }
}
