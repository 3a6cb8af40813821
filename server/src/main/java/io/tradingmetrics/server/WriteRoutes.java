package io.tradingmetrics.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.writer.CloseReport;
import io.tradingmetrics.writer.MetricsWriter;
import io.tradingmetrics.writer.WriterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Writes for producers that are not on the JVM: {@code POST /api/metrics}, {@code /api/candles},
 * {@code /api/performance}, each a JSON array or NDJSON of rows in the encoding the reads answer with.
 *
 * <p>What the answers mean (server/HTTP-API.md): points go through the server's batching writer, so {@code 202}
 * says they are in its buffer and will be stored (a SIGTERM stores them before the process exits); with
 * {@code ?sync=true} the request waits for the flush and {@code 200} says they are stored. Candles and snapshots are
 * upserts and few: they are stored before the answer, {@code 200}. A full buffer answers {@code 503} with
 * {@code Retry-After}, and nothing of the body was taken unless the answer's {@code accepted} says otherwise.
 * Checked before the body is read: the bearer token (401) when {@code metrics.server.auth-token} is set, then
 * {@code read-only} (403), then the body's size (413).
 */
final class WriteRoutes implements RouteGroup {
    private static final Logger LOG = LoggerFactory.getLogger(WriteRoutes.class);
    private static final String RETRY_AFTER_SECONDS = "1";
    /** How long {@code ?sync=true} waits for the flush before it answers 202 instead of 200. */
    static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    private final ServerResources resources;
    private final ServerSettings settings;
    private final WriterSettings writerSettings;
    private volatile MetricsWriter writer;
    private volatile PointIngest points;

    /**
     * The writer's settings are {@link ServerResources#writerSettings()}: its overflow policy must refuse rather than
     * drop, and the server closes it itself (after the drain, before the store), not a shutdown hook of its own.
     */
    WriteRoutes(ServerResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
        this.settings = resources.settings();
        WriterSettings writerSettings = resources.writerSettings();
        PointIngest.requireAcknowledgingPolicy(writerSettings.overflowPolicy());
        this.writerSettings = writerSettings.withClose(writerSettings.closeTimeout(), false);
    }

    @Override
    public void storeAttached(MetricsStore store) {
        if (!settings.readOnly()) {
            MetricsWriter started = MetricsWriter.create(store, writerSettings);
            points = new PointIngest(started, writerSettings, SYNC_TIMEOUT);
            writer = started;
        }
    }

    /** Stores what the writer holds: every point answered 202 is stored before the store closes. */
    @Override
    public void close() {
        MetricsWriter current = writer;
        if (current != null) {
            CloseReport report = current.close(writerSettings.closeTimeout());
            if (report.isEmpty()) {
                LOG.info("writes: every accepted point is stored");
            } else {
                LOG.error("writes: the writer closed without storing everything: {}", report.describe());
            }
        }
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/metrics", this::postMetrics);
        routes.post("/api/candles", this::postCandles);
        routes.post("/api/performance", this::postPerformance);
    }

    private void postMetrics(Context ctx) {
        InputStream body = body(ctx);
        boolean sync = syncParameter(ctx);
        List<MetricPoint> rows = JsonRows.read(body, "points", RowDecoders::point);
        PointIngest ingest = points;
        if (ingest == null) {
            resources.store(); // 503 while the store is not open yet
            throw new IllegalStateException("the store is open but the writer is not started");
        }
        PointIngest.Outcome outcome = ingest.write(rows, sync);
        if (outcome instanceof PointIngest.Outcome.Taken taken) {
            answer(ctx, taken.stored() ? 200 : 202, taken.points(), taken.stored());
        } else if (outcome instanceof PointIngest.Outcome.Full full) {
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            String error = full.taken() == 0
                    ? "the server's write buffer is full; none of the " + full.points() + " points was taken ("
                    + full.why() + ")"
                    : "the server's write buffer filled up: the first " + full.taken() + " of the " + full.points()
                    + " points were taken and will be stored, the rest not (" + full.why() + ")";
            String hint = full.taken() == 0
                    ? "send the same body again after Retry-After seconds"
                    : "send the points from element " + full.taken() + " on again after Retry-After seconds";
            JsonOutput.respond(ctx, 503, json -> {
                json.writeStartObject();
                json.writeStringField("error", error);
                json.writeStringField("hint", hint);
                json.writeNumberField("accepted", full.taken());
                json.writeEndObject();
            });
        } else if (outcome instanceof PointIngest.Outcome.Dropped dropped) {
            ErrorResponses.respond(ctx, 503, Optional.empty(), "the " + dropped.points() + " points were taken but"
                    + " the writer could not store everything written before this flush: " + dropped.why(),
                    "GET /health says whether the store answers; the writer's drops are counted in GET /metrics");
        }
    }

    private void postCandles(Context ctx) {
        List<Candle> rows = JsonRows.read(body(ctx), "candles", RowDecoders::candle);
        resources.store().upsertCandles(rows);
        answer(ctx, 200, rows.size(), true);
    }

    private void postPerformance(Context ctx) {
        List<PerformanceSnapshot> rows = JsonRows.read(body(ctx), "snapshots", RowDecoders::snapshot);
        resources.store().upsertPerformance(rows);
        answer(ctx, 200, rows.size(), true);
    }

    private static void answer(Context ctx, int status, int accepted, boolean stored) {
        JsonOutput.respond(ctx, status, json -> {
            json.writeStartObject();
            json.writeNumberField("accepted", accepted);
            json.writeBooleanField("stored", stored);
            json.writeEndObject();
        });
    }

    private static boolean syncParameter(Context ctx) {
        String sync = ctx.queryParam("sync");
        if (sync == null || sync.equalsIgnoreCase("false")) {
            return false;
        }
        if (sync.isEmpty() || sync.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.badParameter("sync", "sync = '" + sync + "' is not true or false",
                "sync=true waits until the points are stored (200); leave it out for 202");
    }

    /** The guards, then the body as a stream that refuses to read past the size limit. */
    private InputStream body(Context ctx) {
        authorize(ctx);
        if (settings.readOnly()) {
            throw new ApiException(403, Optional.empty(), "this server is read-only (metrics.server.read-only)",
                    "write to a server that is not read-only, or set metrics.server.read-only = false");
        }
        long limit = settings.maxBodyBytes();
        long declared = ctx.contentLength();
        if (declared > limit) {
            throw tooLarge(declared, limit);
        }
        return new LimitedStream(ctx.bodyInputStream(), limit);
    }

    private void authorize(Context ctx) {
        if (settings.authToken().isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        String expected = "Bearer " + settings.authToken().get();
        if (header == null || !MessageDigest.isEqual(header.trim().getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, Optional.empty(), header == null
                    ? "writes need a bearer token and the request carries none"
                    : "the request's bearer token is not the server's",
                    "send Authorization: Bearer <metrics.server.auth-token>");
        }
    }

    private static ApiException tooLarge(long size, long limit) {
        return new ApiException(413, Optional.empty(), "the body is " + (size > limit ? size + " bytes, " : "")
                + "over the limit of " + limit + " bytes (metrics.server.max-body-size)",
                "split it into several requests, or raise metrics.server.max-body-size");
    }

    /** Counts what is read and fails past the limit (a chunked body declares no length). */
    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(-1, limit);
            }
        }
    }
}
