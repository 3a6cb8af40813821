package io.tradingmetrics.server;

import io.tradingmetrics.storage.api.LatestQuery;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The latest value of every series, polled from the store by one thread for every live client together (one store
 * query per tick, however many clients listen), and pushed to each client as what changed since the last tick.
 * The poller runs only while a client listens. A new client gets the whole current state first.
 */
final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    /** A client that heard nothing for this long gets a comment, so that a dead connection is noticed. */
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(15);

    /** Where a client's events go; {@code false} when the client is gone. */
    interface Sink {
        boolean send(String event, List<MetricPoint> points);

        boolean keepAlive();
    }

    /** Which series a client wants: every series when both are empty. */
    record Filter(Set<String> metrics, Optional<String> symbol) {
        Filter {
            metrics = Set.copyOf(requireNonNull(metrics, "metrics is null"));
            requireNonNull(symbol, "symbol is null");
        }

        boolean matches(MetricPoint point) {
            return (metrics.isEmpty() || metrics.contains(point.metricName()))
                    && (symbol.isEmpty() || symbol.equals(point.symbol()));
        }

        List<MetricPoint> select(Iterable<MetricPoint> points) {
            List<MetricPoint> selected = new ArrayList<>();
            for (MetricPoint point : points) {
                if (matches(point)) {
                    selected.add(point);
                }
            }
            return selected;
        }
    }

    private static final class Client {
        final Filter filter;
        final Sink sink;
        boolean primed;
        long lastSent = System.nanoTime();

        Client(Filter filter, Sink sink) {
            this.filter = filter;
            this.sink = sink;
        }
    }

    private final MetricsStore store;
    private final Duration rate;
    private final int maxClients;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "metrics-live-poller");
        thread.setDaemon(true);
        return thread;
    });
    /** Touched by the poller thread only. */
    private Map<List<Object>, MetricPoint> latest = Map.of();
    private ScheduledFuture<?> ticking;
    private boolean closed;

    LiveFeed(MetricsStore store, Duration rate, int maxClients) {
        this.store = requireNonNull(store, "store is null");
        this.rate = requireNonNull(rate, "rate is null");
        this.maxClients = maxClients;
    }

    /** @return whether the client was taken; {@code false} when {@code maxClients} listen already */
    synchronized boolean join(Filter filter, Sink sink) {
        if (closed || clients.size() >= maxClients) {
            return false;
        }
        clients.add(new Client(requireNonNull(filter, "filter is null"), requireNonNull(sink, "sink is null")));
        if (ticking == null) {
            ticking = poller.scheduleWithFixedDelay(this::tick, 0, rate.toMillis(), TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** Called when a client's connection closed. */
    synchronized void leave(Sink sink) {
        clients.removeIf(client -> client.sink == sink);
        if (clients.isEmpty() && ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    synchronized int clients() {
        return clients.size();
    }

    int maxClients() {
        return maxClients;
    }

    private void tick() {
        Map<List<Object>, MetricPoint> now;
        try {
            now = new HashMap<>();
            for (MetricPoint point : store.latest(LatestQuery.all())) {
                now.put(List.of(point.metricName(), point.symbol()), point);
            }
        } catch (RuntimeException e) {
            // The store is away for a moment: clients keep what they have, the next tick tries again.
            LOG.warn("live values: reading the latest values failed: {}", e.getMessage());
            return;
        }
        List<MetricPoint> changed = new ArrayList<>();
        for (Map.Entry<List<Object>, MetricPoint> entry : now.entrySet()) {
            if (!entry.getValue().equals(latest.get(entry.getKey()))) {
                changed.add(entry.getValue());
            }
        }
        latest = now;
        List<MetricPoint> all = sorted(now.values());
        changed = sorted(changed);
        for (Client client : clients) {
            boolean alive;
            try {
                alive = push(client, all, changed);
            } catch (RuntimeException e) {
                // A connection that broke in an unexpected way ends that client, never the poller (a scheduled task
                // that throws is not run again).
                LOG.debug("live values: a client's stream failed: {}", e.toString());
                alive = false;
            }
            if (!alive) {
                leave(client.sink);
            }
        }
    }

    /** @return whether the client is still there */
    private static boolean push(Client client, List<MetricPoint> all, List<MetricPoint> changed) {
        if (!client.primed) {
            client.primed = true;
            client.lastSent = System.nanoTime();
            return client.sink.send("snapshot", client.filter.select(all));
        }
        List<MetricPoint> mine = client.filter.select(changed);
        if (!mine.isEmpty()) {
            client.lastSent = System.nanoTime();
            return client.sink.send("changes", mine);
        }
        if (System.nanoTime() - client.lastSent > KEEP_ALIVE_NANOS) {
            client.lastSent = System.nanoTime();
            return client.sink.keepAlive();
        }
        return true;
    }

    private static List<MetricPoint> sorted(java.util.Collection<MetricPoint> points) {
        List<MetricPoint> list = new ArrayList<>(points);
        list.sort((a, b) -> {
            int byMetric = a.metricName().compareTo(b.metricName());
            return byMetric != 0 ? byMetric : a.symbol().orElse("").compareTo(b.symbol().orElse(""));
        });
        return list;
    }

    /** Stops polling; the clients' connections are closed by their owners. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (ticking != null) {
                ticking.cancel(false);
                ticking = null;
            }
        }
        poller.shutdownNow();
    }
}
