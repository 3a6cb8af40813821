package io.tradingmetrics.storage.api;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalTest {
    @ParameterizedTest(name = "{0} of {1} starts at {2}")
    @DisplayName("buckets start where TimescaleDB's time_bucket starts them")
    @CsvSource({
            // Thursday 2026-11-26 10:07:31.5: the boundaries ENVIRONMENT.md recorded from both engines.
            "1s,  2026-11-26T10:07:31.500001Z, 2026-11-26T10:07:31Z",
            "1m,  2026-11-26T10:07:31.5Z,      2026-11-26T10:07:00Z",
            "5m,  2026-11-26T10:07:31.5Z,      2026-11-26T10:05:00Z",
            "15m, 2026-11-26T10:07:31.5Z,      2026-11-26T10:00:00Z",
            "1h,  2026-11-26T10:07:31.5Z,      2026-11-26T10:00:00Z",
            "4h,  2026-11-26T10:07:31.5Z,      2026-11-26T08:00:00Z",
            "1d,  2026-11-26T10:07:31.5Z,      2026-11-26T00:00:00Z",
            "1w,  2026-11-26T10:07:31.5Z,      2026-11-23T00:00:00Z",
            "1mo, 2026-11-26T10:07:31.5Z,      2026-11-01T00:00:00Z",
            // Before the epoch and before the origin, buckets still start on Mondays and month starts.
            "1w,  1969-12-31T23:59:59.999999Z, 1969-12-29T00:00:00Z",
            "4h,  1969-12-31T23:59:59.999999Z, 1969-12-31T20:00:00Z",
            "1mo, 1900-02-28T12:00:00Z,        1900-02-01T00:00:00Z",
            "1w,  2000-01-02T23:59:59Z,        1999-12-27T00:00:00Z",
    })
    void bucketStart(String interval, Instant instant, Instant expected) {
        assertThat(Interval.parse(interval).bucketStart(instant)).isEqualTo(expected);
    }

    @Test
    @DisplayName("next bucket of a month follows the calendar")
    void nextMonth() {
        assertThat(Interval.MONTH_1.next(Instant.parse("2024-01-01T00:00:00Z"))).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
        assertThat(Interval.MONTH_1.next(Instant.parse("2024-02-01T00:00:00Z"))).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(Interval.WEEK_1.next(Instant.parse("2024-03-04T00:00:00Z"))).isEqualTo(Instant.parse("2024-03-11T00:00:00Z"));
    }

    @Test
    @DisplayName("an unknown interval names the valid ones")
    void unknownInterval() {
        assertThatThrownBy(() -> Interval.parse("2m"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown interval '2m'; valid intervals: 1s, 1m, 5m, 15m, 1h, 4h, 1d, 1w, 1mo");
    }

    @Test
    @DisplayName("an upper-case M is refused as ambiguous (minute or month); 1mo is a month in any case")
    void ambiguousM() {
        assertThatThrownBy(() -> Interval.parse("1M")).isInstanceOf(InvalidInputException.class)
                .hasMessage("interval '1M' is ambiguous: write 1m for 1 minute(s) or 1mo for a month");
        assertThatThrownBy(() -> Interval.parse("15M")).isInstanceOf(InvalidInputException.class)
                .hasMessage("interval '15M' is ambiguous: write 15m for 15 minute(s) or 1mo for a month");
        assertThat(Interval.parse("1m")).isEqualTo(Interval.MINUTE_1);
        assertThat(Interval.parse("1MO")).isEqualTo(Interval.MONTH_1);
        assertThat(Interval.parse("1H")).isEqualTo(Interval.HOUR_1);
        assertThat(Interval.parse("minute_5")).isEqualTo(Interval.MINUTE_5);
    }

    @ParameterizedTest(name = "{0} over [{1}, {2}) holds {3} buckets")
    @DisplayName("the buckets of a range are counted from the one holding its start to the one holding its end")
    @CsvSource({
            "1m,  2026-11-26T10:00:00Z,    2026-11-26T11:00:00Z,    60",
            "1m,  2026-11-26T10:00:30Z,    2026-11-26T11:00:00.000001Z, 61",
            "1s,  2026-11-26T10:00:00Z,    2026-11-26T10:00:00Z,    0",
            "1h,  2026-11-26T10:59:59Z,    2026-11-26T11:00:01Z,    2",
            "1w,  2026-11-26T00:00:00Z,    2026-12-01T00:00:00Z,    2",
            "1mo, 2026-01-31T00:00:00Z,    2027-01-01T00:00:00Z,    12",
            "1mo, 2026-01-31T00:00:00Z,    2027-01-01T00:00:00.000001Z, 13",
            "1s,  0001-01-01T00:00:00Z,    9999-12-31T23:59:59.999999Z, 315537897600",
    })
    void bucketsIn(String interval, Instant from, Instant to, long expected) {
        assertThat(Interval.parse(interval).bucketsIn(TimeRange.of(from, to))).isEqualTo(expected);
    }
}
