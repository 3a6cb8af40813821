package io.tradingmetrics.cli;

import io.tradingmetrics.storage.api.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeExpressionTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:34:56.789Z");

    @Test
    void readsNowRelativeTimesInstantsOffsetsAndDates() {
        assertThat(TimeExpression.parse("now", NOW)).isEqualTo(NOW);
        assertThat(TimeExpression.parse("-1h", NOW)).isEqualTo("2026-11-24T11:34:56.789Z");
        assertThat(TimeExpression.parse("now-30m", NOW)).isEqualTo("2026-11-24T12:04:56.789Z");
        assertThat(TimeExpression.parse("-7d", NOW)).isEqualTo("2026-11-17T12:34:56.789Z");
        assertThat(TimeExpression.parse("-2w", NOW)).isEqualTo("2026-11-10T12:34:56.789Z");
        assertThat(TimeExpression.parse("+15s", NOW)).isEqualTo("2026-11-24T12:35:11.789Z");
        assertThat(TimeExpression.parse("-500ms", NOW)).isEqualTo("2026-11-24T12:34:56.289Z");
        assertThat(TimeExpression.parse("2026-11-24T10:00:00Z", NOW)).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(TimeExpression.parse("2026-11-24T11:00:00+01:00", NOW)).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(TimeExpression.parse("2026-11-24", NOW)).isEqualTo("2026-11-24T00:00:00Z");
    }

    @Test
    void refusesAnythingElseNamingTheForms() {
        assertThatThrownBy(() -> TimeExpression.parse("-1y", NOW)).isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot read the time '-1y'; " + TimeExpression.FORMS);
        assertThatThrownBy(() -> TimeExpression.parse("2026-11-24T10:00", NOW))
                .hasMessageContaining("(add Z for UTC or an offset such as +01:00)");
        assertThatThrownBy(() -> TimeExpression.parse("2026-13-01", NOW)).hasMessageContaining("2026-13-01");
    }
}
