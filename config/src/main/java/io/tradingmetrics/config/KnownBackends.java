package io.tradingmetrics.config;

import java.util.List;
import java.util.Optional;

/**
 * The stores this project ships, so that errors can name the module to add when a store is not on the classpath
 * (a factory that is not loaded cannot say so itself).
 */
final class KnownBackends {
    record KnownBackend(String name, String moduleName, String urlPrefix) {}

    static final List<KnownBackend> ALL = List.of(
            new KnownBackend("duckdb", "storage-duckdb", "jdbc:duckdb:"),
            new KnownBackend("timescale", "storage-timescale", "jdbc:postgresql:"),
            new KnownBackend("dual", "storage-dual", "dual:"));

    private KnownBackends() {}

    static Optional<KnownBackend> byName(String name) {
        return ALL.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    static Optional<KnownBackend> byUrl(String url) {
        return ALL.stream().filter(b -> url.startsWith(b.urlPrefix())).findFirst();
    }
}
