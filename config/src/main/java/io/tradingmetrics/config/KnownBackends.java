package io.tradingmetrics.config;

import java.util.List;
import java.util.Optional;

/**
 * The stores this project ships, so that errors can name the module to add when a store is not on the classpath
 * (a factory that is not loaded cannot say so itself).
 */
final class KnownBackends {
    /** @param urlPrefix the JDBC URLs the store takes, empty when it takes none */
    record KnownBackend(String name, String moduleName, String urlPrefix) {}

    static final List<KnownBackend> ALL = List.of(
            new KnownBackend("duckdb", "storage-duckdb", "jdbc:duckdb:"),
            new KnownBackend("timescale", "storage-timescale", "jdbc:postgresql:"),
            new KnownBackend("dual", "storage-dual", "")); // over two other stores: no URL of its own

    private KnownBackends() {}

    static Optional<KnownBackend> byName(String name) {
        return ALL.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    static Optional<KnownBackend> byUrl(String url) {
        return ALL.stream().filter(b -> !b.urlPrefix().isEmpty() && url.startsWith(b.urlPrefix())).findFirst();
    }
}
