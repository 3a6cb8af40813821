package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.StoreLimits;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelsJsonTest {

    @Test
    void emptyMapIsAnEmptyObjectAndNullOrEmptyTextIsAnEmptyMap() {
        assertThat(LabelsJson.write(Map.of())).isEqualTo("{}");
        assertThat(LabelsJson.read(null)).isEmpty();
        assertThat(LabelsJson.read("")).isEmpty();
        assertThat(LabelsJson.read("{}")).isEmpty();
        assertThat(LabelsJson.read(" { } ")).isEmpty();
        assertThat(LabelsJson.read("null")).isEmpty();
    }

    @Test
    void writesKeysSortedSoThatEqualMapsGiveEqualText() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("venue", "binance");
        labels.put("side", "buy");
        assertThat(LabelsJson.write(labels)).isEqualTo("{\"side\":\"buy\",\"venue\":\"binance\"}");
    }

    @Test
    void roundTripsKeysAndValuesWithQuotesEscapesAndUnicode() {
        Map<String, String> labels = Map.of(
                "quote\"key", "value with \"quotes\"",
                "dot.key", "back\\slash",
                "$dollar", "it's",
                "'single'", "new\nline\ttab\u0001control",
                "ünïcødé 📈", "日本語 € 😀",
                "/slash~tilde", "");
        assertThat(LabelsJson.read(LabelsJson.write(labels))).isEqualTo(labels);
    }

    @Test
    void readsNonStringValuesOfTheOlderSystemAsTheirJsonText() {
        String legacy = "{\"n\": 5, \"f\": -1.50e3, \"t\": true, \"x\": false, \"z\": null,"
                + " \"o\": {\"a\": [1, \"b\", {\"c\": null}]}, \"arr\": [ ], \"s\": \"plain\"}";
        assertThat(LabelsJson.read(legacy)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "n", "5",
                "f", "-1.50e3",
                "t", "true",
                "x", "false",
                "z", "null",
                "o", "{\"a\":[1,\"b\",{\"c\":null}]}",
                "arr", "[]",
                "s", "plain"));
    }

    @Test
    void refusesTextThatIsNotAJsonObject() {
        assertThatThrownBy(() -> LabelsJson.read("[1,2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> LabelsJson.read("{\"a\":")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void labelsAtTheStoreLimitsReadBack() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("k".repeat(StoreLimits.MAX_LABEL_KEY_BYTES), "\"\u0001\\".repeat(StoreLimits.MAX_LABEL_VALUE_BYTES / 3));
        labels.put("\u20AC".repeat(StoreLimits.MAX_LABEL_KEY_BYTES / 3), "\uD83D\uDE00".repeat(StoreLimits.MAX_LABEL_VALUE_BYTES / 4));
        assertThat(LabelsJson.read(LabelsJson.write(labels))).isEqualTo(labels);
    }
}
