package io.tradingmetrics.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.StoreUnavailableException;
import io.tradingmetrics.writer.WriterSettings;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What route groups share: the settings, the store (once it is open), the server's own meter registry and the JSON
 * mapper for request bodies. The store is attached after the server has started, so that {@code /health/live}
 * answers while a store opens (or migrates) and {@code /health/ready} says when it is ready.
 */
public final class ServerResources {
    private final ServerSettings settings;
    private final PrometheusMeterRegistry registry;
    private final ObjectMapper json;
    private final WriterSettings writerSettings;
    private volatile MetricsStore store;
    private volatile String notReady = "the store is not open yet";

    ServerResources(ServerSettings settings, WriterSettings writerSettings, PrometheusMeterRegistry registry,
                    ObjectMapper json) {
        this.settings = requireNonNull(settings, "settings is null");
        this.writerSettings = requireNonNull(writerSettings, "writerSettings is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.json = requireNonNull(json, "json is null");
    }

    public ServerSettings settings() {
        return settings;
    }

    /** @return the settings of the writer posted points go through ({@code metrics.writer}) */
    public WriterSettings writerSettings() {
        return writerSettings;
    }

    /** @return the registry {@code GET /metrics} publishes; store calls and requests are timed into it */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** @return the mapper for reading request bodies (it reads {@code "NaN"} and the infinities as doubles) */
    public ObjectMapper json() {
        return json;
    }

    /**
     * @return the store, every call timed into {@link #registry()}
     * @throws StoreUnavailableException (503) while the store is not open yet
     */
    public MetricsStore store() {
        MetricsStore current = store;
        if (current == null) {
            throw new StoreUnavailableException("the store is not open yet; retry shortly"
                    + " (GET /health/ready answers 200 once it is)");
        }
        return current;
    }

    /** @return the store once it is open */
    public Optional<MetricsStore> attachedStore() {
        return Optional.ofNullable(store);
    }

    /** @return why the server is not ready to serve, or empty when it is */
    public Optional<String> notReady() {
        return Optional.ofNullable(notReady);
    }

    void attach(MetricsStore instrumented, Optional<String> schemaProblem) {
        store = instrumented;
        notReady = schemaProblem.orElse(null);
    }

    void stopping() {
        notReady = "the server is shutting down";
    }
}
