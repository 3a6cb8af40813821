package io.tradingmetrics.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.PerformanceSnapshot;
import io.tradingmetrics.storage.api.PerformanceSummary;
import io.tradingmetrics.storage.api.TableStats;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of each value the store returns, one object each, as {@code server/HTTP-API.md} documents them
 * (instants and doubles encoded by {@link JsonOutput}). Shared by every route that writes them, so that a point
 * reads the same from {@code /api/metrics/current}, {@code /api/metrics/raw}, an export and a live event.
 */
public final class StoreJson {
    private StoreJson() {}

    /** {@code {"metric","symbol","value","labels","time","timeMs"}} */
    public static void point(JsonGenerator json, MetricPoint point) throws IOException {
        json.writeStartObject();
        json.writeStringField("metric", point.metricName());
        JsonOutput.text(json, "symbol", point.symbol());
        JsonOutput.number(json, "value", point.value());
        json.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> label : new TreeMap<>(point.labels()).entrySet()) {
            json.writeStringField(label.getKey(), label.getValue());
        }
        json.writeEndObject();
        JsonOutput.instant(json, "time", point.timestamp());
        json.writeEndObject();
    }

    /** The field {@code "points": [...]}, each as {@link #point}. */
    public static void pointsField(JsonGenerator json, List<MetricPoint> points) throws IOException {
        json.writeArrayFieldStart("points");
        for (MetricPoint point : points) {
            point(json, point);
        }
        json.writeEndArray();
    }

    /** {@code {"time","timeMs","symbol"?,"value","count"}}; {@code symbol} only when grouped by symbol */
    public static void bucket(JsonGenerator json, AggregatedBucket bucket, boolean bySymbol) throws IOException {
        json.writeStartObject();
        JsonOutput.instant(json, "time", bucket.bucketStart());
        if (bySymbol) {
            JsonOutput.text(json, "symbol", bucket.symbol());
        }
        JsonOutput.number(json, "value", bucket.value());
        json.writeNumberField("count", bucket.sampleCount());
        json.writeEndObject();
    }

    /** {@code {"symbol","time","timeMs","open","high","low","close","volume"}} */
    public static void candle(JsonGenerator json, Candle candle) throws IOException {
        json.writeStartObject();
        json.writeStringField("symbol", candle.symbol());
        JsonOutput.instant(json, "time", candle.timestamp());
        JsonOutput.number(json, "open", candle.open());
        JsonOutput.number(json, "high", candle.high());
        JsonOutput.number(json, "low", candle.low());
        JsonOutput.number(json, "close", candle.close());
        json.writeNumberField("volume", candle.volume());
        json.writeEndObject();
    }

    /** {@code {"time","timeMs","portfolioValue","pnl","sharpeRatio","maxDrawdown","winRate","totalTrades"}} */
    public static void snapshot(JsonGenerator json, PerformanceSnapshot snapshot) throws IOException {
        json.writeStartObject();
        JsonOutput.instant(json, "time", snapshot.timestamp());
        JsonOutput.number(json, "portfolioValue", snapshot.portfolioValue());
        JsonOutput.number(json, "pnl", snapshot.pnl());
        JsonOutput.number(json, "sharpeRatio", snapshot.sharpeRatio());
        JsonOutput.number(json, "maxDrawdown", snapshot.maxDrawdown());
        JsonOutput.number(json, "winRate", snapshot.winRate());
        JsonOutput.number(json, "totalTrades", snapshot.totalTrades());
        json.writeEndObject();
    }

    /** The fields of {@link PerformanceSummary}, instants as pairs. */
    public static void summary(JsonGenerator json, PerformanceSummary summary) throws IOException {
        json.writeStartObject();
        JsonOutput.instant(json, "firstSnapshot", summary.firstSnapshot());
        JsonOutput.instant(json, "lastSnapshot", summary.lastSnapshot());
        json.writeNumberField("snapshots", summary.snapshots());
        JsonOutput.number(json, "startValue", summary.startValue());
        JsonOutput.number(json, "endValue", summary.endValue());
        JsonOutput.number(json, "minValue", summary.minValue());
        JsonOutput.number(json, "maxValue", summary.maxValue());
        JsonOutput.number(json, "totalPnl", summary.totalPnl());
        JsonOutput.number(json, "averageSharpe", summary.averageSharpe());
        JsonOutput.number(json, "worstDrawdown", summary.worstDrawdown());
        JsonOutput.number(json, "averageWinRate", summary.averageWinRate());
        json.writeNumberField("totalTrades", summary.totalTrades());
        JsonOutput.number(json, "returnPercent", summary.returnPercent());
        json.writeEndObject();
    }

    /** {@code {"table","rowCount","minTime","minTimeMs","maxTime","maxTimeMs","bytesOnDisk"}} */
    public static void tableStats(JsonGenerator json, TableStats table) throws IOException {
        json.writeStartObject();
        json.writeStringField("table", table.table().tableName());
        json.writeNumberField("rowCount", table.rowCount());
        JsonOutput.instant(json, "minTime", table.minTimestamp());
        JsonOutput.instant(json, "maxTime", table.maxTimestamp());
        JsonOutput.number(json, "bytesOnDisk", table.bytesOnDisk());
        json.writeEndObject();
    }
}
