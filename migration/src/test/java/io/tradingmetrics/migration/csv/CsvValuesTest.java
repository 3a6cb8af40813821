package io.tradingmetrics.migration.csv;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvValuesTest {

    @Test
    void readsTheTimestampFormsOfThisProgramPsqlAndPandas() {
        Instant expected = Instant.parse("2024-03-01T12:00:00.123456Z");
        assertThat(CsvValues.parseTimestamp("2024-03-01T12:00:00.123456Z")).isEqualTo(expected);
        assertThat(CsvValues.parseTimestamp("2024-03-01 12:00:00.123456+00")).isEqualTo(expected);
        assertThat(CsvValues.parseTimestamp("2024-03-01 12:00:00.123456+00:00")).isEqualTo(expected);
        assertThat(CsvValues.parseTimestamp("2024-03-01 12:00:00.123456")).isEqualTo(expected);
        assertThat(CsvValues.parseTimestamp("2024-03-01 17:45:00.123456+05:45")).isEqualTo(expected);
        assertThat(CsvValues.parseTimestamp("2024-03-01 06:30:00.123456-0530")).isEqualTo(expected);
        assertThat(CsvValues.parseTimestamp("2024-03-01 12:00:00.123456789+00:00")).isEqualTo(expected);
        assertThat(CsvValues.parseTimestamp("2024-03-01 12:00:00+00")).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
        assertThat(CsvValues.parseTimestamp("2024-03-01")).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(CsvValues.parseTimestamp("0001-01-01 00:00:00+00")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    }

    @Test
    void refusesTextThatIsNoTimestampNamingTheExpectedForm() {
        assertThatThrownBy(() -> CsvValues.parseTimestamp("yesterday")).hasMessageContaining("'yesterday' is not a "
                + "timestamp").hasMessageContaining("2024-03-01T12:00:00.123456Z");
        assertThatThrownBy(() -> CsvValues.parseTimestamp("2024-02-30 12:00:00")).hasMessageContaining("not a valid");
    }

    @Test
    void writesDoublesThatReadBackBitForBit() {
        double[] values = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, -Double.MAX_VALUE, 0.1 + 0.2, 1e-300, 123456789.123456789};
        for (double value : values) {
            double back = CsvValues.parseDouble(CsvValues.formatDouble(value));
            assertThat(Double.doubleToLongBits(back)).as("%s", value).isEqualTo(Double.doubleToLongBits(value));
        }
    }

    @Test
    void readsPandasAndPsqlSpellingsOfSpecialDoubles() {
        assertThat(CsvValues.parseDouble("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(CsvValues.parseDouble("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(CsvValues.parseDouble("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(CsvValues.parseDouble("NaN")).isNaN();
        assertThat(Double.doubleToRawLongBits(CsvValues.parseDouble("-0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(CsvValues.parseDouble("1.5e3")).isEqualTo(1500.0);
        assertThatThrownBy(() -> CsvValues.parseDouble("1d")).hasMessageContaining("'1d' is not a number");
        assertThatThrownBy(() -> CsvValues.parseDouble("0x1p3")).hasMessageContaining("is not a number");
    }

    @Test
    void refusesDecimalsBeyondTheRangeOfADoubleRatherThanReadingInfinityOrZero() {
        assertThatThrownBy(() -> CsvValues.parseDouble("1e309")).hasMessage("'1e309' is beyond the range of a double"
                + " (whose largest magnitude is about 1.8E308); write Infinity or -Infinity if that is meant");
        assertThatThrownBy(() -> CsvValues.parseDouble("-2.5E400")).hasMessageContaining("beyond the range");
        assertThatThrownBy(() -> CsvValues.parseDouble("1e-400")).hasMessage("'1e-400' is too close to zero for a "
                + "double (below about 4.9E-324) and would be stored as 0; write 0 if that is meant");
        assertThat(CsvValues.parseDouble("0.000e-400")).isZero();
        assertThat(CsvValues.parseDouble("1.7976931348623157E308")).isEqualTo(Double.MAX_VALUE);
        assertThat(CsvValues.parseDouble("4.9e-324")).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void readsWholeNumbersWrittenAsIntegralDecimals() {
        assertThat(CsvValues.parseLong("12")).isEqualTo(12);
        assertThat(CsvValues.parseLong("12.0")).isEqualTo(12);
        assertThatThrownBy(() -> CsvValues.parseLong("12.5")).hasMessageContaining("not a whole number");
    }

    @Test
    void labelsRoundTripSortedAndAcceptPythonReprAndScalarValues() {
        Map<String, String> labels = Map.of("venue", "binance", "a\"b", "x,y\n", "empty", "");
        String json = CsvValues.formatLabels(labels);
        assertThat(json).startsWith("{\"a\\\"b\"");
        assertThat(CsvValues.parseLabels(json)).isEqualTo(labels);
        assertThat(CsvValues.parseLabels("{'venue': 'binance', 'level': 3, 'live': true}"))
                .isEqualTo(Map.of("venue", "binance", "level", "3", "live", "true"));
        assertThat(CsvValues.parseLabels("")).isEmpty();
        assertThat(CsvValues.parseLabels("null")).isEmpty();
        assertThatThrownBy(() -> CsvValues.parseLabels("{\"a\": {\"b\": 1}}")).hasMessageContaining("nested");
        assertThatThrownBy(() -> CsvValues.parseLabels("{\"a\": null}")).hasMessageContaining("null");
        assertThatThrownBy(() -> CsvValues.parseLabels("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> CsvValues.parseLabels("{\"a\": ")).hasMessageContaining("not valid JSON");
    }
}
