package io.tradingmetrics.storage.api;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.tradingmetrics.storage.api.StoreLimits.MAX_LABELS;
import static io.tradingmetrics.storage.api.StoreLimits.MAX_LABEL_KEY_BYTES;
import static io.tradingmetrics.storage.api.StoreLimits.MAX_LABEL_VALUE_BYTES;
import static io.tradingmetrics.storage.api.StoreLimits.MAX_METRIC_NAME_BYTES;
import static io.tradingmetrics.storage.api.StoreLimits.MAX_POINT_TEXT_BYTES;
import static io.tradingmetrics.storage.api.StoreLimits.MAX_SYMBOL_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreLimitsTest {
    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    /** Three bytes in UTF-8, one char. */
    private static final String EURO = "\u20AC";
    /** Four bytes in UTF-8, two chars (a surrogate pair). */
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    @DisplayName("every text is accepted at its limit in UTF-8 bytes, multi-byte characters counted as their bytes")
    void atTheLimits() {
        String name = EURO.repeat(MAX_METRIC_NAME_BYTES / 3) + "x".repeat(MAX_METRIC_NAME_BYTES % 3);
        String symbol = EMOJI.repeat(MAX_SYMBOL_BYTES / 4);
        MetricPoint point = new MetricPoint(T, name, 1, Optional.of(symbol),
                Map.of("k".repeat(MAX_LABEL_KEY_BYTES), "v".repeat(MAX_LABEL_VALUE_BYTES)));
        assertThat(point.metricName()).isEqualTo(name);
        assertThat(new Candle(T, symbol, 1, 1, 1, 1, 1).symbol()).isEqualTo(symbol);
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < MAX_LABELS; i++) {
            many.put("k" + i, "v");
        }
        assertThat(MetricPoint.of(T, "m", 1, "S", many).labels()).hasSize(MAX_LABELS);
    }

    @Test
    @DisplayName("one byte over a limit is refused with the field, its size and the limit")
    void overTheLimits() {
        assertThatThrownBy(() -> MetricPoint.of(T, EURO + "x".repeat(MAX_METRIC_NAME_BYTES - 2), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("metric name '" + EURO + "x".repeat(39) + "...' takes 1,025 bytes in UTF-8, over the"
                        + " limit of 1,024 bytes; shorten it");
        assertThatThrownBy(() -> MetricPoint.of(T, "m", 1, "s".repeat(MAX_SYMBOL_BYTES + 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("symbol 'sss")
                .hasMessageEndingWith("takes 1,025 bytes in UTF-8, over the limit of 1,024 bytes; shorten it");
        assertThatThrownBy(() -> new Candle(T, "s".repeat(MAX_SYMBOL_BYTES + 1), 1, 1, 1, 1, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("candle symbol 'sss")
                .hasMessageContaining("1,025 bytes").hasMessageContaining("limit of 1,024 bytes");
        assertThatThrownBy(() -> MetricPoint.of(T, "m", 1, "S", Map.of("k".repeat(MAX_LABEL_KEY_BYTES + 1), "v")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("label key 'kkk")
                .hasMessageContaining("257 bytes").hasMessageContaining("limit of 256 bytes");
        assertThatThrownBy(() -> MetricPoint.of(T, "m", 1, "S", Map.of("venue", "v".repeat(MAX_LABEL_VALUE_BYTES + 1))))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("label 'venue' value 'vvv")
                .hasMessageContaining("4,097 bytes").hasMessageContaining("limit of 4,096 bytes");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= MAX_LABELS; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> MetricPoint.of(T, "m", 1, "S", many)).isInstanceOf(InvalidInputException.class)
                .hasMessage("point of metric 'm' has 257 labels, over the limit of 256 labels; keep fewer labels");
    }

    @Test
    @DisplayName("the text of a point together is limited: at the limit it is taken, one byte over it is refused")
    void pointTextBytes() {
        // Four labels of 4,096 bytes each (with 1-byte keys) plus name and symbol, tuned to land on the limit.
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            labels.put("k" + i, "v".repeat(MAX_LABEL_VALUE_BYTES));
        }
        int used = 3 * (2 + MAX_LABEL_VALUE_BYTES) + 1 /* name */ + 1 /* symbol */ + 2 /* last key */;
        labels.put("kz", "v".repeat(MAX_POINT_TEXT_BYTES - used));
        assertThat(MetricPoint.of(T, "m", 1, "S", labels).labels()).hasSize(4);

        labels.put("kz", "v".repeat(MAX_POINT_TEXT_BYTES - used + 1));
        assertThatThrownBy(() -> MetricPoint.of(T, "m", 1, "S", labels)).isInstanceOf(InvalidInputException.class)
                .hasMessage("point of metric 'm' takes 16,385 bytes of text in UTF-8 (metric name, symbol, label keys"
                        + " and values), over the limit of 16,384 bytes per point; shorten them or keep fewer labels");
    }

    @Test
    @DisplayName("unpaired surrogates are refused in names, symbols, label keys and values; pairs are fine")
    void unpairedSurrogates() {
        assertThatThrownBy(() -> MetricPoint.of(T, "bad\uD800name", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("metric name 'bad\\uD800name' contains an unpaired UTF-16 surrogate (\\uD800 at index 3),"
                        + " which has no UTF-8 form and would be stored as '?'; remove it or fix how the text was"
                        + " decoded");
        assertThatThrownBy(() -> MetricPoint.of(T, "m", 1, "BTC\uDC00")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("symbol 'BTC\\uDC00' contains an unpaired UTF-16 surrogate (\\uDC00 at index 3)");
        assertThatThrownBy(() -> new Candle(T, "\uD83D", 1, 1, 1, 1, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("candle symbol '\\uD83D' contains an unpaired UTF-16 surrogate");
        assertThatThrownBy(() -> MetricPoint.of(T, "m", 1, "S", Map.of("k\uDE00", "v")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("label key 'k\\uDE00' contains an unpaired");
        assertThatThrownBy(() -> MetricPoint.of(T, "m", 1, "S", Map.of("k", EMOJI + "\uD83D")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("label 'k' value '" + EMOJI + "\\uD83D' contains an unpaired UTF-16 surrogate"
                        + " (\\uD83D at index 2)");
        // Reversed pair: a low surrogate first is unpaired too.
        assertThatThrownBy(() -> MetricPoint.of(T, "\uDE00\uD83D", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(\\uDE00 at index 0)");
        assertThat(MetricPoint.of(T, "smile " + EMOJI, 1, EMOJI, Map.of(EMOJI, EMOJI)).metricName())
                .isEqualTo("smile " + EMOJI);
    }

    @Test
    @DisplayName("an immutable labels map is kept as it is and still counts towards the point's text;"
            + " a mutable one is copied and checked each time")
    void labelsChecks() {
        Map<String, String> constant = Map.of("venue", "binance", "strategy", "mm");
        MetricPoint first = MetricPoint.of(T, "m", 1, "S", constant);
        assertThat(first.labels()).isSameAs(constant);
        assertThat(MetricPoint.of(T.plusSeconds(1), "m", 2, "S", constant).labels()).isSameAs(constant);

        Map<String, String> mutable = new HashMap<>(constant);
        MetricPoint copied = MetricPoint.of(T, "m", 1, "S", mutable);
        assertThat(copied).isEqualTo(first);
        mutable.put("venue", "nul\0");
        assertThat(copied.labels()).containsEntry("venue", "binance");
        assertThatThrownBy(() -> MetricPoint.of(T, "m", 1, "S", mutable)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("label 'venue' value 'nul\\0' contains a NUL character");

        // Over the limit of the point's text together, however often the labels were checked before.
        Map<String, String> large = Map.of("k", "v".repeat(MAX_LABEL_VALUE_BYTES), "l",
                "v".repeat(MAX_LABEL_VALUE_BYTES), "m", "v".repeat(MAX_LABEL_VALUE_BYTES), "n",
                "v".repeat(MAX_LABEL_VALUE_BYTES - 10));
        assertThat(MetricPoint.of(T, "m", 1, "S", large).labels()).isSameAs(large);
        assertThatThrownBy(() -> MetricPoint.of(T, "m".repeat(20), 1, "S", large))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("over the limit of 16,384 bytes per point");
    }
}
