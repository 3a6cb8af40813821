package io.tradingmetrics.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tradingmetrics.storage.api.InvalidInputException;
import io.tradingmetrics.storage.api.MetricsStore;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.StoreTable;
import io.tradingmetrics.storage.api.TableStats;
import io.tradingmetrics.storage.api.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The store as a whole: {@code GET /api/stats} (table stats), {@code /api/schema} (schema info),
 * {@code /api/count} (rows in a range) and {@code /api/export/{table}} (every row of a range, streamed as
 * newline-delimited JSON from the store's streaming reads, never held in memory).
 */
final class TableRoutes implements RouteGroup {
    static final String NDJSON = "application/x-ndjson";
    private static final Logger LOG = LoggerFactory.getLogger(TableRoutes.class);
    private static final Set<String> COUNT = Set.of("table", "from", "to");
    private static final Set<String> RANGE = Set.of("from", "to");

    private final ServerResources resources;

    TableRoutes(ServerResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/stats", this::stats);
        routes.get("/api/schema", this::schema);
        routes.get("/api/count", this::count);
        routes.get("/api/export/{table}", this::export);
    }

    private void stats(Context ctx) {
        QueryParameters.of(ctx, Set.of());
        List<TableStats> stats = resources.store().stats();
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("tables");
            for (TableStats table : stats) {
                StoreJson.tableStats(json, table);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private void schema(Context ctx) {
        QueryParameters.of(ctx, Set.of());
        SchemaInfo schema = resources.store().schemaInfo();
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartObject();
            json.writeStringField("currentVersion", schema.currentVersion());
            json.writeStringField("latestVersion", schema.latestVersion());
            json.writeBooleanField("upToDate", schema.isUpToDate());
            json.writeBooleanField("notAdopted", schema.notAdopted());
            json.writeArrayFieldStart("history");
            for (String line : schema.history()) {
                json.writeString(line);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private void count(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, COUNT);
        StoreTable table = table("table", query.required("table", "trading_metrics, candles or performance_history"));
        long count = resources.store().count(table, query.openRange());
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartObject();
            json.writeStringField("table", table.tableName());
            json.writeNumberField("count", count);
            json.writeEndObject();
        });
    }

    private void export(Context ctx) {
        QueryParameters query = QueryParameters.of(ctx, RANGE);
        StoreTable table = table("table", ctx.pathParam("table"));
        TimeRange range = query.openRange();
        MetricsStore store = resources.store();
        // The stream is opened before the status is sent, so that a store that cannot read answers an error.
        try (Stream<?> rows = switch (table) {
            case TRADING_METRICS -> store.streamMetrics(range);
            case CANDLES -> store.streamCandles(range);
            case PERFORMANCE_HISTORY -> store.streamPerformance(range);
        }) {
            ctx.status(200).contentType(NDJSON);
            try (JsonGenerator json = JsonOutput.generator(ctx.outputStream())) {
                json.setRootValueSeparator(null);
                rows.forEach(row -> writeLine(json, row));
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("export of {} ended early: {}", table.tableName(), e.getMessage());
            }
        }
    }

    private static void writeLine(JsonGenerator json, Object row) {
        try {
            if (row instanceof io.tradingmetrics.storage.api.MetricPoint point) {
                StoreJson.point(json, point);
            } else if (row instanceof io.tradingmetrics.storage.api.Candle candle) {
                StoreJson.candle(json, candle);
            } else {
                StoreJson.snapshot(json, (io.tradingmetrics.storage.api.PerformanceSnapshot) row);
            }
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StoreTable table(String parameter, String name) {
        try {
            return StoreTable.fromName(name);
        } catch (InvalidInputException e) {
            String[] problemAndWayOut = ErrorResponses.splitWayOut(e.getMessage());
            throw ApiException.badParameter(parameter, problemAndWayOut[0], problemAndWayOut[1]);
        }
    }
}
