package io.tradingmetrics.storage.api;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {
    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    @DisplayName("nanoseconds are truncated towards the past, before and after 1970")
    void truncation() {
        assertThat(MetricPoint.of(Instant.parse("2026-11-24T10:00:00.123456789Z"), "m", 1).timestamp())
                .isEqualTo(Instant.parse("2026-11-24T10:00:00.123456Z"));
        assertThat(MetricPoint.of(Instant.parse("1969-12-31T23:59:59.999999999Z"), "m", 1).timestamp())
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    @DisplayName("labels are copied, so changing the caller's map changes nothing")
    void labelsCopied() {
        Map<String, String> labels = new HashMap<>(Map.of("venue", "binance"));
        MetricPoint point = MetricPoint.of(T, "price", 1, "BTC-USD", labels);
        labels.put("venue", "kraken");
        assertThat(point.labels()).containsExactly(Map.entry("venue", "binance"));
    }

    @Test
    @DisplayName("bad values are refused with a message that names them")
    void refusals() {
        assertThatThrownBy(() -> MetricPoint.of(T, " ", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("metric name is empty");
        assertThatThrownBy(() -> MetricPoint.of(T, "m", 1, "A\0B")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> new Candle(T, "BTC", 1, 1, 2, 1, 5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("high 1.0 below low 2.0");
        assertThatThrownBy(() -> new Candle(T, "BTC", 1, 2, 1, 1, -5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("negative volume");
        assertThatThrownBy(() -> MetricPoint.of(Timestamps.MAX, "m", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outside the supported range");
        assertThatThrownBy(() -> TimeRange.of(T, T.minusSeconds(1))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("before its start");
        assertThatThrownBy(() -> MetricQuery.of("m", TimeRange.all()).withLimit(0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit 0");
    }

    @Test
    @DisplayName("the widest range covers the latest storable instant; wider bounds are clamped")
    void widestRange() {
        Instant latest = Timestamps.MAX.minusNanos(1_000);
        assertThat(TimeRange.all().contains(MetricPoint.of(latest, "m", 1).timestamp())).isTrue();
        assertThat(TimeRange.of(Instant.MIN, Instant.MAX)).isEqualTo(TimeRange.all());
    }

    @Test
    @DisplayName("an unknown table name is refused with the valid names")
    void unknownTableName() {
        assertThatThrownBy(() -> StoreTable.fromName("metrics; DROP TABLE candles"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("trading_metrics");
    }
}
