package io.tradingmetrics.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingmetrics.storage.api.AggregatedBucket;
import io.tradingmetrics.storage.api.Aggregation;
import io.tradingmetrics.storage.api.AggregationQuery;
import io.tradingmetrics.storage.api.Candle;
import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricPoint;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes Grafana's Infinity data source reads: flat rows, epoch ms, ascending time, the SPI's figures. */
@DisplayName("Grafana (Infinity) routes")
class GrafanaRoutesTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path folder;
    ServerFixture served;

    @BeforeEach
    void start() {
        served = ServerFixture.duckDb(folder);
        List<MetricPoint> points = new ArrayList<>();
        for (int second = 0; second < 300; second += 10) {
            points.add(MetricPoint.of(T.plusSeconds(second), "price", 100 + second, "BTC-USD"));
            points.add(MetricPoint.of(T.plusSeconds(second), "price", 10 + second / 10.0, "ETH-USD"));
        }
        points.add(MetricPoint.of(T.plusSeconds(5), "price", Double.NaN, "NAN-USD"));
        served.store().insertMetrics(points);
        served.store().upsertCandles(List.of(new Candle(T, "BTC-USD", 1, 4, 0.5, 2, 10),
                new Candle(T.plusSeconds(60), "BTC-USD", 2, 3, 1, 2.5, 20)));
    }

    @AfterEach
    void stop() {
        served.close();
    }

    @Test
    @DisplayName("series: long rows in ascending time, one series per symbol, equal to the SPI's aggregation")
    void series() {
        String from = Long.toString(T.toEpochMilli());
        String to = Long.toString(T.plusSeconds(300).toEpochMilli());
        // Grafana's ${__interval} of 30s has no bucket of its own: it rounds up to 1m.
        ServerFixture.Response response = served.get("/api/grafana/series?metric=price&from=" + from + "&to=" + to
                + "&interval=30s&aggregation=max");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode rows = response.json();
        assertThat(rows.isArray()).isTrue();
        List<AggregatedBucket> expected = new ArrayList<>(served.store().aggregate(AggregationQuery.of("price",
                TimeRange.of(T, T.plusSeconds(300)), Interval.MINUTE_1, Aggregation.MAX).groupedBySymbol()));
        expected.sort(Comparator.comparing(AggregatedBucket::bucketStart)
                .thenComparing(bucket -> bucket.symbol().orElse("")));
        assertThat(rows).hasSize(expected.size()).hasSize(11); // 5 minutes x 2 symbols, and the one NaN point
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            AggregatedBucket bucket = expected.get(i);
            assertThat(row.get("time").asLong()).isEqualTo(bucket.bucketStart().toEpochMilli());
            assertThat(row.get("symbol").asText()).isEqualTo(bucket.symbol().orElseThrow());
            assertThat(row.get("metric").asText()).isEqualTo("price");
            if (Double.isNaN(bucket.value().orElseThrow())) {
                assertThat(row.get("value").isNull()).as("NaN is a gap for Grafana").isTrue();
            } else {
                assertThat(row.get("value").asDouble()).isEqualTo(bucket.value().orElseThrow());
            }
        }
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("time").asLong()).isGreaterThanOrEqualTo(rows.get(i - 1).get("time").asLong());
        }
    }

    @Test
    @DisplayName("series for chosen symbols only; latest values; candles with open/high/low/close")
    void symbolsLatestAndCandles() {
        String range = "&from=" + T + "&to=" + T.plus(Duration.ofMinutes(5));
        JsonNode two = served.get("/api/grafana/series?metric=price&symbol=BTC-USD&symbol=ETH-USD&interval=5m"
                + range).json();
        JsonNode latest = served.get("/api/grafana/latest?metric=price&symbol=BTC-USD").json();
        JsonNode candles = served.get("/api/grafana/candles?symbol=BTC-USD&interval=1m" + range).json();

        assertThat(two).hasSize(2);
        assertThat(two.get(0).get("symbol").asText()).isEqualTo("BTC-USD");
        assertThat(two.get(1).get("symbol").asText()).isEqualTo("ETH-USD");
        assertThat(latest).hasSize(1);
        assertThat(latest.get(0).get("value").asDouble()).isEqualTo(390);
        assertThat(latest.get(0).get("time").asLong()).isEqualTo(T.plusSeconds(290).toEpochMilli());
        assertThat(candles).hasSize(2);
        assertThat(candles.get(0).get("time").asLong()).isEqualTo(T.toEpochMilli());
        assertThat(candles.get(0).get("high").asDouble()).isEqualTo(4);
        assertThat(candles.get(1).get("volume").asLong()).isEqualTo(20);
    }

    @Test
    @DisplayName("bad requests: a missing metric, an unknown interval, too many buckets, a typo")
    void badRequests() {
        assertThat(served.get("/api/grafana/series?from=0&to=1").json().get("parameter").asText())
                .isEqualTo("metric");
        assertThat(served.get("/api/grafana/series?metric=price&interval=7x").status()).isEqualTo(400);
        ServerFixture.Response many = served.get("/api/grafana/series?metric=price&interval=1s&from=0&to="
                + T.toEpochMilli());
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.body()).contains("max-buckets");
        assertThat(served.get("/api/grafana/series?metric=price&simbol=X").json().get("hint").asText())
                .contains("did you mean 'symbol'");
    }
}
