package io.tradingmetrics.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradingmetrics.micrometer.InstrumentedMetricsStore;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.writer.WriterSettings;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP server: one Javalin app (Jetty 12) with the route groups of {@link #routeGroups}, the error mapping of
 * {@link ErrorResponses}, request timing and the drain of {@link InFlightRequests}. It starts without a store
 * ({@code /health/live} answers, everything that needs the store answers 503) and serves once {@link #attach} gives
 * it one.
 *
 * <p>{@link #close()} shuts down in order: readiness turns 503, the route groups hear that the shutdown began (live
 * streams end), new requests are refused and those in flight finish (up to {@code drain-timeout}), the HTTP server stops, the route groups close in reverse order (a writer
 * flushes what it holds), then the store closes. {@code bin/metrics serve} calls it from a shutdown hook on SIGTERM.
 */
public final class MetricsHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsHttpServer.class);

    private final ServerResources resources;
    private final List<RouteGroup> groups;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final Javalin app;
    private final AtomicBoolean closed = new AtomicBoolean();
    private MetricsStore owned;
    private final List<AutoCloseable> closeBeforeStore = new ArrayList<>();

    private MetricsHttpServer(ServerSettings settings, WriterSettings writerSettings) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        ObjectMapper json = JavalinJackson.defaultMapper();
        this.resources = new ServerResources(settings, writerSettings, registry, json);
        this.groups = routeGroups(resources);
        RequestMetrics requests = new RequestMetrics(registry);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.bind();
            config.jetty.port = settings.port();
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jsonMapper(new JavalinJackson(json, false));
            config.jetty.modifyServletContextHandler(handler -> handler.addFilter(new FilterHolder(inFlight), "/*",
                    EnumSet.of(DispatcherType.REQUEST)));
            config.requestLogger.http(requests::record);
            Cors.configure(config, settings.corsOrigins());
            ErrorResponses.register(config.routes);
            groups.forEach(group -> group.addTo(config.routes));
        });
    }

    /**
     * The route groups, in the order their routes are added; the one place that lists them.
     */
    static List<RouteGroup> routeGroups(ServerResources resources) {
        return List.of(
                new HealthRoutes(resources),
                new MetricReadRoutes(resources),
                new CandleRoutes(resources),
                new PerformanceRoutes(resources),
                new TableRoutes(resources),
                new WriteRoutes(resources),
                new LiveRoutes(resources),
                new GrafanaRoutes(resources),
                new DashboardRoutes(),
                new PrometheusRoutes(resources));
    }

    /**
     * Starts serving on {@code settings.bind()}:{@code settings.port()} without a store yet.
     *
     * @throws IllegalStateException when the address cannot be bound (the port is taken)
     */
    public static MetricsHttpServer start(ServerSettings settings) {
        return start(settings, WriterSettings.defaults());
    }

    /**
     * Starts serving as {@link #start(ServerSettings)}; posted points go through a writer of these settings
     * ({@code metrics.writer}: {@code MetricsWriters.settings(config)}).
     */
    public static MetricsHttpServer start(ServerSettings settings, WriterSettings writerSettings) {
        MetricsHttpServer server = new MetricsHttpServer(requireNonNull(settings, "settings is null"),
                requireNonNull(writerSettings, "writerSettings is null"));
        try {
            server.app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + settings.bind() + ":" + settings.port() + ": "
                    + rootMessage(e) + "; give another --port (0 picks a free one) or stop what holds it", e);
        }
        return server;
    }

    /** Starts serving the store at once; closing the server closes the store. */
    public static MetricsHttpServer start(ServerSettings settings, MetricsStore store) {
        return start(settings, WriterSettings.defaults(), store);
    }

    /** Starts serving the store at once, posted points through a writer of these settings. */
    public static MetricsHttpServer start(ServerSettings settings, WriterSettings writerSettings,
                                          MetricsStore store) {
        MetricsHttpServer server = start(settings, writerSettings);
        server.attach(store);
        return server;
    }

    /**
     * Serves the store from now on: every call timed into the server's registry, readiness 200 once its schema is
     * current. The server owns it from now on: {@link #close()} closes it.
     */
    public void attach(MetricsStore store) {
        requireNonNull(store, "store is null");
        synchronized (this) {
            if (owned != null) {
                throw new IllegalStateException("a store is attached already");
            }
            owned = store;
        }
        Optional<String> schemaProblem;
        try {
            SchemaInfo schema = store.schemaInfo();
            schemaProblem = schema.isUpToDate() ? Optional.empty()
                    : Optional.of("the store's schema is at version " + schema.currentVersion() + ", not "
                    + schema.latestVersion() + "; run 'metrics schema migrate'");
        } catch (RuntimeException e) {
            schemaProblem = Optional.of("the store's schema cannot be read: " + e.getMessage());
        }
        MetricsStore instrumented = new InstrumentedMetricsStore(store, resources.registry());
        resources.attach(instrumented, schemaProblem);
        groups.forEach(group -> group.storeAttached(instrumented));
    }

    /**
     * Closes the resource at shutdown after the route groups and before the store (a maintenance scheduler that
     * works on the store); resources close in reverse order of registration.
     */
    public synchronized void closeBeforeStore(AutoCloseable resource) {
        closeBeforeStore.add(requireNonNull(resource, "resource is null"));
    }

    /** @return the port served on (the one picked when the settings said 0) */
    public int port() {
        return app.port();
    }

    /** @return the base URL, for example {@code http://127.0.0.1:8000} */
    public String url() {
        String host = resources.settings().bind();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port();
    }

    /** @return what the route groups share */
    public ServerResources resources() {
        return resources;
    }

    /** Shuts down in order (see the class comment); idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        resources.stopping();
        for (RouteGroup group : groups) {
            step("tell " + group.getClass().getSimpleName() + " that the shutdown began", group::shutdownStarted);
        }
        try {
            int left = inFlight.refuseNewAndDrain(resources.settings().drainTimeout());
            if (left > 0) {
                LOG.warn("{} requests still in flight after {} (metrics.server.drain-timeout); stopping anyway",
                        left, resources.settings().drainTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        step("stop the HTTP server", app::stop);
        List<RouteGroup> reversed = new ArrayList<>(groups);
        java.util.Collections.reverse(reversed);
        for (RouteGroup group : reversed) {
            step("close " + group.getClass().getSimpleName(), group::close);
        }
        synchronized (this) {
            for (int i = closeBeforeStore.size() - 1; i >= 0; i--) {
                AutoCloseable resource = closeBeforeStore.get(i);
                step("close " + resource, resource::close);
            }
            if (owned != null) {
                step("close the store", owned::close);
            }
        }
        step("close the meter registry", resources.registry()::close);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.warn("shutdown: cannot {}: {}", what, e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
