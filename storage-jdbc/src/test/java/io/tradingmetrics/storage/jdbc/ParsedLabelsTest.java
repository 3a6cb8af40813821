package io.tradingmetrics.storage.jdbc;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParsedLabelsTest {
    private final ParsedLabels parsed = new ParsedLabels();

    @Test
    void aTextReadAgainGivesTheSameMap() {
        Map<String, String> first = parsed.of(new String("{\"venue\":\"binance\",\"side\":\"bid\"}"));
        Map<String, String> again = parsed.of(new String("{\"venue\":\"binance\",\"side\":\"bid\"}"));
        assertThat(first).isEqualTo(Map.of("venue", "binance", "side", "bid"));
        assertThat(again).as("the same map, so that its checks are remembered").isSameAs(first);
        assertThat(parsed.of("{\"venue\":\"kraken\"}")).isEqualTo(Map.of("venue", "kraken"));
    }

    @Test
    void manyTextsAndLongOnesAreParsedRight() {
        for (int i = 0; i < 5_000; i++) {
            assertThat(parsed.of("{\"n\":\"" + i + "\"}")).isEqualTo(Map.of("n", Integer.toString(i)));
        }
        String longValue = "v".repeat(2_000);
        Map<String, String> first = parsed.of("{\"long\":\"" + longValue + "\"}");
        assertThat(first).isEqualTo(Map.of("long", longValue));
        assertThat(parsed.of("{\"long\":\"" + longValue + "\"}")).as("a long text is not kept").isNotSameAs(first)
                .isEqualTo(first);
    }

    @Test
    void aTextThatIsNoObjectIsRefusedEveryTime() {
        assertThatThrownBy(() -> parsed.of("[1, 2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parsed.of("[1, 2]")).isInstanceOf(IllegalArgumentException.class);
    }
}
