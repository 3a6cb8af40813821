package io.tradingmetrics.bench;

import com.typesafe.config.ConfigFactory;
import io.tradingmetrics.server.MetricsHttpServer;
import io.tradingmetrics.server.ServerSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP server under load on loopback: {@value #CLIENTS} clients, each one connection sending its next request
 * as soon as the last one answered, for a fixed time per route over the large data set. The server (Javalin on
 * Jetty, the store behind it) and the clients share this JVM and the machine's cores, so the figures are what the
 * whole box serves, clients' cost included. Every answer that is not a 200 or that fails counts as an error.
 */
final class ServingBench {
    static final int CLIENTS = 50;

    private final RunContext context;
    private final DataSets dataSets;

    ServingBench(RunContext context, DataSets dataSets) {
        this.context = context;
        this.dataSets = dataSets;
    }

    void run() throws Exception {
        Duration duration = context.options().servingTime();
        ResultTable table = new ResultTable("Serving over HTTP: " + CLIENTS + " concurrent clients on loopback, "
                + duration.toSeconds() + " s per route", "engine", "route", "requests", "requests/s", "p50 ms",
                "p99 ms", "max ms", "errors");
        List<DataSets.Loaded> engines = new ArrayList<>(List.of(dataSets.duckDbLarge()));
        dataSets.timescaleLarge().ifPresent(engines::add);
        String aggregation = "/api/metrics/aggregate?metric=" + DashboardQuery.SERIES_METRIC + "&from="
                + Dataset.lastDays(1).from() + "&to=" + Dataset.lastDays(1).to() + "&interval=1m&aggregation=avg";
        for (DataSets.Loaded data : engines) {
            ServerSettings settings = ServerSettings.from(ConfigFactory.empty()).withPort(0);
            try (MetricsHttpServer server = MetricsHttpServer.start(settings, dataSets.open(data))) {
                for (String route : List.of("/api/metrics/current", aggregation)) {
                    context.report().progress("serving: " + data.engine() + " " + route.replaceFirst("\\?.*", "")
                            + ", " + CLIENTS + " clients for " + duration.toSeconds() + " s");
                    Load load = run(server.url() + route, duration);
                    String name = route.replaceFirst("\\?.*", "") + (route.contains("?") ? " (1 day, 1m avg)" : "");
                    table.row(data.engine(), name, Figures.count(load.requests()), Figures.rate(load.perSecond()),
                            Figures.millis(load.percentile(0.50)), Figures.millis(load.percentile(0.99)),
                            Figures.millis(load.percentile(1.0)), Figures.count(load.errors()));
                    context.figure("serving." + data.engine() + "." + name, load.perSecond());
                    if (load.errors() > 0) {
                        table.note(data.engine() + " " + name + ": first error: " + load.firstError());
                    }
                }
            }
        }
        table.note("/api/metrics/current: the newest point of each of the 1,000 series (the store's latest-per-series"
                + " read per request, then JSON). The aggregation: one metric over all symbols, last day, 1-minute"
                + " averages (1,440 buckets). Latencies are per request, measured by the client, queueing included.");
        context.report().add(table);
    }

    /** What one route's load found. */
    record Load(long requests, long errors, double perSecond, long[] nanos, String firstError) {
        double percentile(double fraction) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(nanos.length - 1, Math.ceil(fraction * nanos.length) - 1);
            return nanos[Math.max(0, index)] / 1e6;
        }
    }

    private static Load run(String url, Duration duration) throws InterruptedException {
        URI uri = URI.create(url);
        AtomicLong errors = new AtomicLong();
        String[] firstError = {""};
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[CLIENTS];
        CountDownLatch done = new CountDownLatch(CLIENTS);
        // Warm-up: the JIT and the store's caches, not measured.
        send(HttpClient.newHttpClient(), uri);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            long[] mine = new long[1 << 16];
            latencies.add(mine);
            int client = c;
            Thread thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                long[] own = mine;
                int n = 0;
                try {
                    while (System.nanoTime() < deadline) {
                        long began = System.nanoTime();
                        String error = send(http, uri);
                        long took = System.nanoTime() - began;
                        if (error != null) {
                            if (errors.incrementAndGet() == 1) {
                                synchronized (firstError) {
                                    firstError[0] = error;
                                }
                            }
                        }
                        if (n == own.length) {
                            own = Arrays.copyOf(own, own.length * 2);
                            synchronized (latencies) {
                                latencies.set(client, own);
                            }
                        }
                        own[n++] = took;
                    }
                } finally {
                    counts[client] = n;
                    done.countDown();
                }
            }, "bench-client-" + c);
            threads.add(thread);
            thread.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < CLIENTS; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Load(total, errors.get(), total / seconds, all, firstError[0]);
    }

    /** @return null when the answer was a 200, else what went wrong */
    private static String send(HttpClient http, URI uri) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? null
                    : "HTTP " + response.statusCode() + ": " + new String(response.body(), 0,
                    Math.min(200, response.body().length), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }
}
