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

    /** Releases what the group holds; requests no longer arrive. Nothing to do by default. */
    @Override
    default void close() throws Exception {
    }
}
