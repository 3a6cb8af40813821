package io.tradingmetrics.storage.jdbc;

import io.tradingmetrics.storage.api.Interval;
import io.tradingmetrics.storage.api.MetricCandleQuery;
import io.tradingmetrics.storage.api.MetricsStoreException;
import io.tradingmetrics.storage.api.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricCandlesTest {
    private static final MetricCandleQuery QUERY = MetricCandleQuery.of("price", TimeRange.all(), Interval.MINUTE_1)
            .withVolumeMetric("qty");

    private static long round(double value) {
        return MetricCandles.roundHalfAwayFromZero(value, QUERY, "BTC", Instant.EPOCH);
    }

    @Test
    void roundsHalfAwayFromZero() {
        assertThat(round(2.5)).isEqualTo(3);
        assertThat(round(-2.5)).isEqualTo(-3);
        assertThat(round(2.4999999)).isEqualTo(2);
        assertThat(round(0.5)).isEqualTo(1);
        assertThat(round(-0.5)).isEqualTo(-1);
        assertThat(round(-0.0)).isZero();
        assertThat(round(9.007199254740993E15)).isEqualTo(9_007_199_254_740_992L);
    }

    @Test
    void refusesSumsThatAreNoWholeNumberOfUnits() {
        assertThatThrownBy(() -> round(Double.NaN)).isInstanceOf(MetricsStoreException.class)
                .hasMessageContaining("qty").hasMessageContaining("BTC");
        assertThatThrownBy(() -> round(Double.POSITIVE_INFINITY)).isInstanceOf(MetricsStoreException.class);
        assertThatThrownBy(() -> round(1e19)).isInstanceOf(MetricsStoreException.class);
    }
}
