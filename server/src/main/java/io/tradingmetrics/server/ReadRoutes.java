package io.tradingmetrics.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tradingmetrics.storage.api.SchemaInfo;
import io.tradingmetrics.storage.api.TableStats;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** The reads of the store as JSON ({@code server/HTTP-API.md}). */
final class ReadRoutes implements RouteGroup {
    private final ServerResources resources;

    ReadRoutes(ServerResources resources) {
        this.resources = requireNonNull(resources, "resources is null");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/stats", this::stats);
        routes.get("/api/schema", this::schema);
    }

    private void stats(Context ctx) {
        QueryParameters.of(ctx, Set.of());
        List<TableStats> stats = resources.store().stats();
        JsonOutput.respond(ctx, 200, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("tables");
            for (TableStats table : stats) {
                json.writeStartObject();
                json.writeStringField("table", table.table().tableName());
                json.writeNumberField("rowCount", table.rowCount());
                JsonOutput.instant(json, "minTime", table.minTimestamp());
                JsonOutput.instant(json, "maxTime", table.maxTimestamp());
                JsonOutput.number(json, "bytesOnDisk", table.bytesOnDisk());
                json.writeEndObject();
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
}
