package io.tradingmetrics.storage.api;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChoicesTest {

    @Test
    @DisplayName("every enumerated name reads its label and its constant name, with spaces around")
    void labelsAndConstantNames() {
        assertThat(Aggregation.parse(" P95 ")).isEqualTo(Aggregation.P95);
        assertThat(GapFill.parse("Linear")).isEqualTo(GapFill.LINEAR);
        assertThat(Interval.parse(" 5m")).isEqualTo(Interval.MINUTE_5);
        assertThat(Interval.parse("minute_5")).isEqualTo(Interval.MINUTE_5);
    }

    @Test
    @DisplayName("an unknown name is refused in one message shape that lists the valid labels")
    void oneMessageShape() {
        assertThatThrownBy(() -> Aggregation.parse("median")).isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown aggregation 'median'; valid aggregations: avg, sum, min, max, count, first, last,"
                        + " p50, p95, p99, stddev");
        assertThatThrownBy(() -> GapFill.parse("zero")).isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown gap fill 'zero'; valid gap fills: none, null, previous, linear");
        assertThatThrownBy(() -> Interval.parse("")).isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown interval ''; valid intervals: 1s, 1m, 5m, 15m, 1h, 4h, 1d, 1w, 1mo");
    }
}
